package dev.jvirt.bench.vmm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Polls a serial log file (every 2 ms) until the guest's marker appears in it. */
final class SerialMarker {

    private SerialMarker() {
    }

    /** Returns System.nanoTime() when {@code marker} was first seen in {@code file}. */
    static long await(Path file, String marker, Duration timeout) throws IOException, InterruptedException,
            TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long offset = 0;
        StringBuilder window = new StringBuilder();
        byte[] buf = new byte[64 * 1024];
        while (System.nanoTime() < deadline) {
            if (file.toFile().exists()) {
                try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                    if (f.length() < offset) {
                        offset = 0;
                        window.setLength(0);
                    }
                    f.seek(offset);
                    int n;
                    while ((n = f.read(buf)) > 0) {
                        offset += n;
                        window.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    }
                }
                if (window.indexOf(marker) >= 0) {
                    return System.nanoTime();
                }
                if (window.length() > 4 * marker.length()) {
                    window.delete(0, window.length() - marker.length());
                }
            }
            Thread.sleep(2);
        }
        throw new TimeoutException(marker + " not seen in " + file + " within " + timeout.toSeconds() + " s");
    }
}
