package dev.jvirt.testimages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Waits for text to appear in a guest's serial output written to a file (QEMU's {@code file:} chardev). */
public final class SerialOutput {

    private SerialOutput() {
    }

    /**
     * Waits until {@code file} contains {@code text} at least {@code occurrences} times.
     *
     * @throws TimeoutException with the file's last lines when it does not within {@code timeout}
     */
    public static void await(Path file, String text, int occurrences, Duration timeout)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String content = read(file);
            if (count(content, text) >= occurrences) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("'" + text + "' (x" + occurrences + ") not seen in " + file + " within "
                        + timeout.toSeconds() + " s; it ends with:\n" + tail(content, 15));
            }
            Thread.sleep(50);
        }
    }

    public static void await(Path file, String text, Duration timeout) throws TimeoutException, InterruptedException {
        await(file, text, 1, timeout);
    }

    public static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    static String tail(String content, int lines) {
        String[] all = content.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
            sb.append("  | ").append(all[i]).append('\n');
        }
        return sb.toString();
    }
}
