package dev.jvirt.bench.vmm;

import dev.jvirt.qmpclient.QmpClientFactory;
import dev.jvirt.qmpclient.QmpConnection;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Bare QEMU: jvirt's own command line without {@code -S}, its runtime paths moved to a directory
 * of its own, run directly. "Running" is QMP answering {@code qmp_capabilities}.
 */
final class BareQemuContender implements Contender {
    private final List<String> argv;
    private final Path dir;
    private final QmpClientFactory qmp = new QmpClientFactory(1);
    private long pid = -1;

    BareQemuContender(List<String> jvirtArgv, Path jvirtRuntimeDir, Path dir) {
        this.dir = dir;
        List<String> a = new ArrayList<>();
        for (String arg : jvirtArgv) {
            if (!arg.equals("-S")) {
                a.add(consoleToFile(arg.replace(jvirtRuntimeDir.toString(), dir.toString()), dir.resolve("console.log")));
            }
        }
        this.argv = List.copyOf(a);
    }

    /**
     * jvirt's serial console starts on a {@code null} chardev that its console hub swaps for FIFOs
     * before the guest runs ({@code chardev-change}); bare QEMU has no hub, so the same chardev id
     * writes the console into {@code log} itself (a virtio console's socket gets QEMU's logfile).
     */
    static String consoleToFile(String arg, Path log) {
        String hub = "id=" + GuestPaths.CONSOLE_HUB_CHARDEV;
        if (arg.startsWith("null,") && Arrays.asList(arg.split(",")).contains(hub)) {
            return "file," + hub + ",path=" + log;
        }
        if (arg.startsWith("socket,") && arg.contains("console.sock")) {
            return arg + ",logfile=" + log + ",logappend=on";
        }
        return arg;
    }

    @Override
    public String label() {
        return "bare QEMU (same argv, no -S)";
    }

    @Override
    public long[] start() throws Exception {
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        Process launcher = new ProcessBuilder(argv).redirectInput(Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("qemu.log").toFile()).start();
        // As jvirt does: QEMU daemonizes once set up (its QMP socket then exists), then QMP.
        if (!launcher.waitFor(60, TimeUnit.SECONDS) || launcher.exitValue() != 0) {
            throw new IllegalStateException("bare QEMU failed; see " + dir.resolve("qemu.log"));
        }
        try (QmpConnection c = qmp.connect(dir.resolve("qmp.sock")).get(60, TimeUnit.SECONDS)) {
            long running = System.nanoTime();
            pid = Long.parseLong(Files.readString(dir.resolve("qemu.pid")).strip());
            long marker = SerialMarker.await(dir.resolve("console.log"), TinyGuest.READY_MARKER, Duration.ofSeconds(300));
            return new long[] {running - t0, marker - t0};
        }
    }

    @Override
    public void stop() throws Exception {
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.exists(stat) && !zombie(stat) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            pid = -1;
        }
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static boolean zombie(Path stat) {
        try {
            String s = Files.readString(stat);
            return s.charAt(s.lastIndexOf(')') + 2) == 'Z';
        } catch (Exception e) {
            return true;
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        qmp.close();
    }
}
