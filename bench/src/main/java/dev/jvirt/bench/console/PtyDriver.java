package dev.jvirt.bench.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a console client command under a pseudo-terminal ({@code script(1)}), so jvirt's client
 * and {@code virsh console} are driven the same way: keystrokes into script's stdin, the screen
 * out of its stdout. Keeps every byte of output with its arrival time.
 */
final class PtyDriver implements AutoCloseable {

    private final Process process;
    private final OutputStream keys;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    PtyDriver(String command) throws IOException {
        process = new ProcessBuilder(List.of("script", "-q", "-f", "-e", "-c", command, "/dev/null"))
                .redirectErrorStream(true).start();
        keys = process.getOutputStream();
        Thread reader = new Thread(this::pump, "pty-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void pump() {
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = process.getInputStream()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                synchronized (screen) {
                    screen.write(buf, 0, n);
                    screen.notifyAll();
                }
            }
        } catch (IOException e) {
            // process gone
        }
    }

    void type(String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.ISO_8859_1));
        keys.flush();
    }

    int size() {
        synchronized (screen) {
            return screen.size();
        }
    }

    String since(int offset) {
        synchronized (screen) {
            String all = screen.toString(StandardCharsets.ISO_8859_1);
            return all.substring(Math.min(offset, all.length()));
        }
    }

    /** Waits until the output after {@code offset} contains {@code text}; returns the offset just past it. */
    int await(String text, int offset, long timeoutMillis) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (screen) {
            while (true) {
                String s = screen.toString(StandardCharsets.ISO_8859_1);
                int at = s.indexOf(text, Math.min(offset, s.length()));
                if (at >= 0) {
                    return at + text.length();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && screen.size() == s.length()) {
                    throw new IOException("'" + text + "' did not appear within " + timeoutMillis + " ms; output ends: "
                            + s.substring(Math.max(0, s.length() - 400)).replace("\r", "\\r").replace("\n", "\\n"));
                }
                screen.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    boolean waitFor(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
