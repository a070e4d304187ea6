package dev.jvirt.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A loop device over an image file the test makes; detached (that device only) on close. */
final class LoopDevice implements AutoCloseable {
    final Path image;
    final String device;

    private LoopDevice(Path image, String device) {
        this.image = image;
        this.device = device;
    }

    /** Attaches a new sparse image of {@code bytes}; skips the test, saying why, when loop devices cannot be made here. */
    static LoopDevice attach(Path image, long bytes) throws Exception {
        try (var ch = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(1), bytes - 1);
        }
        String out;
        int rc;
        try {
            Process p = new ProcessBuilder(List.of("losetup", "-f", "--show", image.toString())).redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor(30, TimeUnit.SECONDS);
            rc = p.exitValue();
        } catch (java.io.IOException e) {
            out = e.getMessage();
            rc = -1;
        }
        if (rc != 0 || !out.startsWith("/dev/loop")) {
            skip("loop devices cannot be made here (losetup -f --show: " + out + ")");
        }
        return new LoopDevice(image, out);
    }

    /** Skips the current test with a reason that shows in the test output. */
    static void skip(String reason) {
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    @Override
    public void close() throws java.io.IOException {
        Process p = new ProcessBuilder(List.of("losetup", "-d", device)).redirectErrorStream(true).start();
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
