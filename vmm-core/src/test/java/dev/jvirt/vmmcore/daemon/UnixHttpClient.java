package dev.jvirt.vmmcore.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvirt.api.http.HttpResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The daemon tests' view of jvirtd's API: jvirsh's own HTTP client (dev.jvirt.api.http, the one
 * client of the project) with answers as Jackson trees, NDJSON streams as queues of lines, and
 * upgraded connections as byte streams.
 */
final class UnixHttpClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final dev.jvirt.api.http.UnixHttpClient http;

    UnixHttpClient(Path socket) {
        this.http = new dev.jvirt.api.http.UnixHttpClient(socket, "jvirt-tests", null);
    }

    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + text(), e);
            }
        }

        /** {@code error.code} of an error answer. */
        String code() {
            return json().path("error").path("code").asText(null);
        }

        String message() {
            return json().path("error").path("message").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response post(String path, Object body) {
        return send("POST", path, body);
    }

    Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** {@code body}: null, a String sent as is, or anything Jackson writes. */
    Response send(String method, String path, Object body) {
        try {
            byte[] content = body == null ? new byte[0]
                    : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
            Map<String, String> headers = content.length > 0
                    ? Map.of("Connection", "close", "Content-Type", "application/json") : Map.of("Connection", "close");
            dev.jvirt.api.http.UnixHttpClient.Answer a = http.call(method, path, headers, content);
            return new Response(a.status(), a.headers(), a.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        }
    }

    /** A streaming GET: lines arrive on {@link Stream#next}; close to hang up. */
    Stream stream(String path) throws IOException {
        HttpResponse r = http.exchange("GET", path, Map.of("Connection", "keep-alive"), new byte[0]);
        Stream s = new Stream(r);
        Thread t = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    s.lines.add(line);
                }
            } catch (IOException e) {
                // closed
            }
            s.lines.add(Stream.END);
        }, "test-stream");
        t.setDaemon(true);
        t.start();
        return s;
    }

    /** An upgraded connection: the answer's status, then the raw byte streams. */
    record Upgraded(int status, Map<String, String> headers, InputStream in, OutputStream out, HttpResponse response)
            implements AutoCloseable {
        @Override
        public void close() {
            response.close();
        }
    }

    /** {@code GET path} with {@code Connection: Upgrade} and {@code Upgrade: protocol}. */
    Upgraded upgrade(String path, String protocol) throws IOException {
        HttpResponse r = http.exchange("GET", path, Map.of("Connection", "Upgrade", "Upgrade", protocol), new byte[0]);
        return new Upgraded(r.status(), r.headers(), r.body(), r.output(), r);
    }

    static final class Stream implements AutoCloseable {
        static final String END = "<end of stream>";
        final int status;
        private final HttpResponse response;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Stream(HttpResponse response) {
            this.response = response;
            this.status = response.status();
        }

        /** The next line as JSON, or null after {@code seconds}, or {@link #END} as text node at the end. */
        JsonNode next(long seconds) throws InterruptedException, IOException {
            String line = lines.poll(seconds, TimeUnit.SECONDS);
            if (line == null) {
                return null;
            }
            return line.equals(END) ? JSON.getNodeFactory().textNode(END) : JSON.readTree(line);
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
