package dev.jvirt.bench.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private jvirtd (session mode, temp dirs), stopped by pid: either the shipped launcher
 * ({@code dist/bin/jvirtd}, its JVM flags exactly as users get them) or a child JVM with given flags.
 */
final class JvirtdUnderTest implements Daemon {
    private final Path dir;
    private final Process process;
    private final ApiClient api;

    private JvirtdUnderTest(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
        this.api = new ApiClient(dir.resolve("run/jvirtd.sock"));
    }

    /** The shipped launcher {@code launcher} (dist/bin/jvirtd; it execs the JVM, so its pid is jvirtd's). */
    static JvirtdUnderTest launch(Path dir, Path launcher) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        return run(dir, cmd, java.util.Map.of());
    }

    /** {@code env}: extra environment, e.g. MALLOC_ARENA_MAX. */
    static JvirtdUnderTest start(Path dir, List<String> jvmFlags, java.util.Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.jvirt.vmmcore.daemon.JvirtdMain"));
        return run(dir, cmd, env);
    }

    private static JvirtdUnderTest run(Path dir, List<String> command, java.util.Map<String, String> env)
            throws Exception {
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("--session", "--state-dir", dir.resolve("state").toString(), "--runtime-dir",
                dir.resolve("run").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("jvirtd.out").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        JvirtdUnderTest d = new JvirtdUnderTest(dir, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (d.api.get("/1.0").status() == 200) {
                    return d;
                }
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("jvirtd did not start: " + Files.readString(dir.resolve("jvirtd.out")));
    }

    @Override
    public String label() {
        return "jvirtd";
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void define(String name, String xml) throws Exception {
        check(api.post("/1.0/domains", json("xml", xml)), 201, "define " + name);
    }

    @Override
    public void start(String name) throws Exception {
        check(api.post("/1.0/domains/" + name + "/start", "{}"), 200, "start " + name);
    }

    @Override
    public void destroy(String name) throws Exception {
        check(api.post("/1.0/domains/" + name + "/destroy", "{}"), 200, "destroy " + name);
    }

    @Override
    public long listNanos() throws Exception {
        long t0 = System.nanoTime();
        ApiClient.Answer a = api.get("/1.0/domains");
        long t = System.nanoTime() - t0;
        check(a, 200, "list");
        return t;
    }

    /** SIGTERM by pid; the guests were destroyed before. */
    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void check(ApiClient.Answer a, int status, String what) {
        if (a.status() != status) {
            throw new IllegalStateException(what + " failed: " + a.status() + " " + a.body());
        }
    }

    private static String json(String field, String value) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.Map.of(field, value));
    }
}
