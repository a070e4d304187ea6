package dev.jvirt.vmmcore.daemon;

import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.vmmcore.HypervisorConfig;
import dev.jvirt.vmmcore.StateDirs;
import dev.jvirt.vmmcore.qemu.ProcFs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One test's jvirtd: temp state and runtime dirs, the daemon (in-process, or a subprocess for the
 * crash tests), a client on its socket, and cleanup that runs even when the test fails: the
 * daemon stops, every QEMU whose command line mentions the temp dir is killed by pid, the dirs go.
 */
final class DaemonFixture implements AutoCloseable {
    final Path root;
    final StateDirs dirs;
    final DaemonOptions options;
    private Jvirtd daemon;
    private Process process;

    DaemonFixture() throws IOException {
        root = Files.createTempDirectory("jvirtd-it-");
        dirs = new StateDirs(root.resolve("state"), root.resolve("run"));
        options = new DaemonOptions(DaemonOptions.Mode.SESSION, dirs, false);
    }

    /** Starts jvirtd in this JVM. */
    Jvirtd start(UnaryOperator<HypervisorConfig> tune) throws IOException {
        daemon = Jvirtd.start(options, tune.apply(HypervisorConfig.of(dirs)));
        return daemon;
    }

    Jvirtd start() throws IOException {
        return start(c -> c);
    }

    /** Stops the in-process daemon (as SIGTERM would): guests keep running. */
    void stop() {
        if (daemon != null) {
            daemon.close();
            daemon = null;
        }
    }

    /** Starts jvirtd as a child JVM on the test class path and waits for its socket. */
    Process startProcess() throws IOException, InterruptedException {
        return startProcess(JvirtdMain.class.getName());
    }

    /** Starts {@code mainClass} (a jvirtd main) as a child JVM with {@code args} before jvirtd's options. */
    Process startProcess(String mainClass, String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--session", "--state-dir", dirs.state().toString(), "--runtime-dir", dirs.runtime().toString()));
        Files.createDirectories(root);
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("jvirtd.out").toFile())).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(options.socket())) {
                try {
                    if (client().get("/1.0").status() == 200) {
                        return process;
                    }
                } catch (RuntimeException e) {
                    // not yet
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("jvirtd exited with " + process.exitValue() + ": " + output());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("jvirtd did not answer within 60 s: " + output());
    }

    /** Waits until the daemon subprocess has exited by itself (e.g. {@link CrashingJvirtd}); its exit status. */
    int awaitProcessExit() throws InterruptedException {
        if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("jvirtd did not exit: " + output());
        }
        return process.exitValue();
    }

    /** SIGTERM to the daemon subprocess (a clean stop: guests keep running); waits until it is gone. */
    void stopProcess() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("jvirtd did not stop within 60 s of SIGTERM: " + output());
        }
    }

    /** kill -9 of the daemon subprocess; waits until it is gone. */
    void killProcess() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String output() {
        try {
            return Files.readString(root.resolve("jvirtd.out"));
        } catch (IOException e) {
            return "";
        }
    }

    UnixHttpClient client() {
        return new UnixHttpClient(options.socket());
    }

    /** The tiny guest's domain XML ({@code daemon/tiny.xml}), type qemu (TCG). */
    static String tinyXml(TinyGuest guest, String name) {
        return tinyXml(guest, name, "qemu");
    }

    static String tinyXml(TinyGuest guest, String name, String type) {
        return tinyXml(guest, name, type, TinyGuest.CMDLINE);
    }

    static String tinyXml(TinyGuest guest, String name, String type, String cmdline) {
        Map<String, String> values = Map.of("TYPE", type, "NAME", name, "KERNEL", guest.kernel().toString(),
                "INITRD", guest.initrd().toString(), "CMDLINE", cmdline,
                "DISK", guest.newDisk(name + "-vda").toString());
        String text;
        try (InputStream in = DaemonFixture.class.getResourceAsStream("/daemon/tiny.xml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace("${" + v.getKey() + "}", v.getValue().replace("&", "&amp;").replace("'", "&apos;"));
        }
        return text;
    }

    /** Pids of live (not zombie) QEMU processes whose command line mentions this test's directory. */
    List<Long> qemuPids() {
        ProcFs proc = ProcFs.system();
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+")).map(Long::parseLong)
                    .filter(proc::isAlive)
                    .filter(pid -> proc.cmdline(pid).stream().anyMatch(a -> a.contains(root.toString())))
                    .filter(pid -> proc.cmdline(pid).stream().anyMatch(a -> a.contains("qemu-system")))
                    .forEach(pids::add);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return pids;
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (RuntimeException e) {
            // cleanup goes on
        }
        if (process != null) {
            process.destroyForcibly();
        }
        for (long pid : qemuPids()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        try {
            dev.jvirt.vmmcore.ConsoleKeepers.stop(dirs.runtime());
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
