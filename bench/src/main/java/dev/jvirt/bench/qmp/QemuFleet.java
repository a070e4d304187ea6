package dev.jvirt.bench.qmp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** N paused QEMUs (TCG, -S), each with QMP on its own unix socket in one temp directory. */
final class QemuFleet implements AutoCloseable {
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> sockets = new ArrayList<>();

    QemuFleet(int count) throws IOException, InterruptedException {
        dir = Files.createTempDirectory("qmp-bench-");
        try {
            for (int i = 0; i < count; i++) {
                Path socket = dir.resolve("q" + i + ".sock");
                processes.add(new ProcessBuilder("qemu-system-x86_64", "-accel", "tcg", "-S", "-display", "none",
                        "-nodefaults", "-qmp", "unix:" + socket + ",server=on,wait=off", "-m", "64")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("q" + i + ".log").toFile()).start());
                sockets.add(socket);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            for (int i = 0; i < count; i++) {
                while (!Files.exists(sockets.get(i))) {
                    if (!processes.get(i).isAlive() || System.nanoTime() > deadline) {
                        throw new IOException("QEMU " + i + " did not create its QMP socket: "
                                + Files.readString(dir.resolve("q" + i + ".log")));
                    }
                    Thread.sleep(20);
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    List<Path> sockets(int count) {
        return sockets.subList(0, count);
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }
}
