package dev.jvirt.virshcompat.it;

import dev.jvirt.api.Domains;
import dev.jvirt.virshcompat.client.ApiClient;
import dev.jvirt.virshcompat.client.ApiTransport;
import dev.jvirt.virshcompat.client.ConnectUri;
import dev.jvirt.virshcompat.client.Env;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A jvirtd of the test's own (bin/jvirtd --session with temp state and runtime dirs), and the
 * cleanup that runs even when the test fails: running domains destroyed, the daemon stopped by
 * pid, any QEMU whose command line names the temp dir killed by pid, the dirs removed.
 */
final class JvirtdUnderTest implements AutoCloseable {

    final Path root;
    final Path state;
    final Path runtime;
    private Process daemon;
    /** How the daemon was started: empty for this process's user, else a command prefix (another user). */
    private List<String> asUser = List.of();

    JvirtdUnderTest(Path root) {
        this.root = root;
        this.state = root.resolve("state");
        this.runtime = root.resolve("run");
    }

    Path socket() {
        return runtime.resolve("jvirtd.sock");
    }

    /** The URI that reaches this daemon and no other. */
    String uri() {
        return "vmm:///session?socket=" + socket();
    }

    ApiClient api() {
        Env env = Env.of(Map.of(), 0);
        return new ApiClient(new ApiTransport(ConnectUri.resolve(uri(), env), env));
    }

    JvirtdUnderTest start(Distribution dist) throws IOException, InterruptedException {
        return start(dist, List.of());
    }

    /**
     * Starts the daemon through {@code prefix} (such as {@code setpriv --reuid=65534 ...}, with
     * {@link #root} that user's): this process cannot use its socket then (a client trusts only its
     * own user's), so it is ready once its socket is there; talk to it with a {@link Cli} of the same
     * prefix. {@link #close} stops it by pid.
     */
    JvirtdUnderTest start(Distribution dist, List<String> prefix) throws IOException, InterruptedException {
        Files.createDirectories(root);
        asUser = List.copyOf(prefix);
        List<String> argv = new java.util.ArrayList<>(prefix);
        argv.addAll(List.of(dist.jvirtd().toString(), "--session", "--state-dir", state.toString(),
                "--runtime-dir", runtime.toString()));
        daemon = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("jvirtd.out").toFile()))
                .start();
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (!asUser.isEmpty()) {
                    if (!Files.exists(socket())) {
                        throw new IllegalStateException("no socket yet");
                    }
                    return this;
                }
                api().server();
                return this;
            } catch (RuntimeException notYet) {
                if (!daemon.isAlive()) {
                    throw new IllegalStateException("jvirtd exited with " + daemon.exitValue() + ":\n" + log());
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("jvirtd did not answer within 90 s:\n" + log());
    }

    /** SIGKILL to the daemon by its pid (bin/jvirtd execs the JVM), and waits for it to be gone. */
    void kill9() throws InterruptedException {
        long pid = daemon.pid();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        daemon.waitFor();
    }

    String log() {
        try {
            return Files.readString(root.resolve("jvirtd.out"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            try {
                if (!asUser.isEmpty()) {
                    throw new IllegalStateException("another user's daemon: stopped by pid below");
                }
                for (Domains.Summary d : api().domains()) {
                    if (d.id() != null) {
                        api().destroy(d.name(), false);
                    }
                }
            } catch (RuntimeException e) {
                // the daemon may be wedged: the pid sweep below still runs
            }
            daemon.destroy();
            if (!daemon.waitFor(java.time.Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                daemon.destroyForcibly().waitFor();
            }
        }
        killProcessesMentioning(root);
        deleteTree(root);
    }

    /** SIGKILL by pid to every process whose command line names {@code dir} (QEMU left behind). */
    static void killProcessesMentioning(Path dir) {
        String needle = dir.toString();
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
                String text = new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ');
                if (text.contains(needle) && p.pid() != ProcessHandle.current().pid()) {
                    p.destroyForcibly();
                }
            } catch (IOException | RuntimeException gone) {
                // exited meanwhile, or not ours to read
            }
        });
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static List<String> lines(String text) {
        return text.lines().toList();
    }
}
