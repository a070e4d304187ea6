package dev.jvirt.virshcompat.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs bin/jvirsh as a user would: a subprocess with arguments, environment and stdin; status and output back. */
final class Cli {

    /** What one run gave. */
    record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final List<String> prefix;
    private final Path jvirsh;
    private final Map<String, String> env;

    Cli(Path jvirsh, Map<String, String> env) {
        this(List.of(), jvirsh, env);
    }

    /** jvirsh run through {@code prefix} (such as {@code setpriv --reuid=65534 ...}: another user). */
    Cli(List<String> prefix, Path jvirsh, Map<String, String> env) {
        this.prefix = List.copyOf(prefix);
        this.jvirsh = jvirsh;
        this.env = env;
    }

    Result run(String... args) throws IOException, InterruptedException {
        Process p = start(args);
        p.getOutputStream().close();
        return finish(p, 120);
    }

    Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(jvirsh.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        return pb.start();
    }

    static Result finish(Process p, int timeoutSeconds) throws InterruptedException {
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jvirsh did not finish within " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "[" + e + "]";
            }
        });
    }

    static void write(OutputStream in, String text) throws IOException {
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
