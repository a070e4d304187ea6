package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.http.HttpResponse;
import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a stream of newline-delimited JSON objects from jvirtd until the handler has had enough,
 * the stream ends, or the timeout passes (a watchdog closes the connection to end the wait).
 */
final class EventStream {

    /** Takes one event; answers false to stop. */
    interface Handler {
        boolean accept(JsonObject event);
    }

    /** How the wait ended. */
    enum End { STOPPED, TIMED_OUT, CLOSED }

    private EventStream() {
    }

    static End follow(HttpResponse stream, Integer timeoutSeconds, Handler handler) throws IOException {
        Watchdog watchdog = timeoutSeconds == null ? null : new Watchdog(stream, timeoutSeconds * 1000L);
        try (stream; BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                if (!handler.accept(JsonObject.of(Json.parse(line)))) {
                    return End.STOPPED;
                }
            }
            return watchdog != null && watchdog.fired ? End.TIMED_OUT : End.CLOSED;
        } catch (IOException e) {
            if (watchdog != null && watchdog.fired) {
                return End.TIMED_OUT;
            }
            throw e;
        } finally {
            if (watchdog != null) {
                watchdog.interrupt();
            }
        }
    }

    /** Closes the stream when the timeout passes. */
    private static final class Watchdog extends Thread {
        private final HttpResponse stream;
        private final long millis;
        volatile boolean fired;

        Watchdog(HttpResponse stream, long millis) {
            super("event-timeout");
            this.stream = stream;
            this.millis = millis;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            try {
                Thread.sleep(millis);
                fired = true;
                stream.close();
            } catch (InterruptedException done) {
                // the stream ended first
            }
        }
    }
}
