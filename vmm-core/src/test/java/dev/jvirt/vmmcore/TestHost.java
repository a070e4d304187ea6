package dev.jvirt.vmmcore;

import dev.jvirt.vmmcore.qemu.ProcFs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Temp state and runtime dirs of one test, the Hypervisors opened over them, and cleanup that
 * runs even when the test fails: every QEMU whose command line mentions the temp dir is killed
 * by pid, then the dirs are removed.
 */
final class TestHost implements AutoCloseable {
    /** Boot to the marker: ~5 s on a quiet machine, many times that on a loaded one. */
    static final java.time.Duration BOOT = java.time.Duration.ofSeconds(240);
    final Path root;
    final StateDirs dirs;
    final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private final List<Hypervisor> opened = new ArrayList<>();

    TestHost() {
        try {
            root = Files.createTempDirectory("jvirt-it-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        dirs = new StateDirs(root.resolve("state"), root.resolve("run"));
    }

    Hypervisor open() {
        return open(HypervisorConfig.of(dirs));
    }

    Hypervisor open(HypervisorConfig config) {
        Hypervisor h = Hypervisor.open(config);
        h.subscribe(events::add);
        opened.add(h);
        return h;
    }

    Path runtimeDir(String name) {
        return dirs.qemuRuntime().resolve(name);
    }

    /** The console hub's log of domain {@code name} (QEMU keeps none); it grows across starts of the domain. */
    Path consoleLog(String name) {
        return dirs.consoleLog(name);
    }

    /** Pids of live QEMU processes whose command line mentions this test's directory. */
    List<Long> qemuPids() {
        ProcFs proc = ProcFs.system();
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+")).map(Long::parseLong)
                    .filter(proc::isAlive)
                    .filter(pid -> proc.cmdline(pid).stream().anyMatch(a -> a.contains(root.toString())))
                    .filter(pid -> proc.cmdline(pid).stream().anyMatch(a -> a.contains("qemu-system"))) // not the console keeper
                    .forEach(pids::add);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return pids;
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        for (Hypervisor h : opened) {
            try {
                h.close();
            } catch (RuntimeException e) {
                // cleanup goes on
            }
        }
        for (long pid : qemuPids()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        try {
            ConsoleKeepers.stop(dirs.runtime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
