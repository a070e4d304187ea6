package dev.jvirt.qmpclient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A QEMU started for a test (TCG, paused, QMP on a unix socket in the test's own directory). */
final class QemuProcess implements AutoCloseable {
    private final Process process;
    private final Path socket;
    private final Path log;

    private QemuProcess(Process process, Path socket, Path log) {
        this.process = process;
        this.socket = socket;
        this.log = log;
    }

    /** Starts {@code qemu-system-x86_64 -accel tcg -S ...} with {@code extra} arguments appended. */
    static QemuProcess start(Path dir, List<String> extra) throws IOException {
        Path socket = dir.resolve("qmp.sock");
        Path log = dir.resolve("qemu.log");
        List<String> argv = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", "tcg", "-S", "-display", "none",
                "-nodefaults", "-qmp", "unix:" + socket + ",server=on,wait=off", "-m", "64"));
        argv.addAll(extra);
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new QemuProcess(process, socket, log);
    }

    static QemuProcess start(Path dir) throws IOException {
        return start(dir, List.of());
    }

    Path socket() {
        return socket;
    }

    long pid() {
        return process.pid();
    }

    boolean waitForExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Kills this QEMU by its pid and reaps it. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
