package dev.jvirt.bridgenet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a host tool from an argument list (never a shell string) in the calling thread's network
 * namespace, and returns its standard output.
 */
final class Commands {
    private static final Logger log = LoggerFactory.getLogger(Commands.class);
    private static final long TIMEOUT_SECONDS = 30;

    private Commands() {
    }

    /** Runs {@code tool args...}; a non-zero exit throws with the tool's own words. */
    static String run(Path tool, List<String> args) {
        return run(tool, args, null);
    }

    /** As {@link #run(Path, List)}, with {@code stdin} fed to the tool (null: none). */
    static String run(Path tool, List<String> args, String stdin) {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(tool.toString());
        argv.addAll(args);
        log.debug("run {}", argv);
        Process p;
        try {
            p = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new HostCommandException("cannot run " + tool + ": " + e.getMessage(), argv, -1, e);
        }
        try {
            // stderr is read by a thread of its own, so a chatty tool can never block on a full pipe
            CompletableFuture<String> err = new CompletableFuture<>();
            Thread errReader = new Thread(() -> {
                try {
                    err.complete(readAll(p.getErrorStream()));
                } catch (RuntimeException e) {
                    err.complete("");
                }
            }, "stderr of " + tool.getFileName());
            errReader.setDaemon(true);
            errReader.start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = readAll(p.getInputStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new HostCommandException(String.join(" ", argv) + " did not finish within " + TIMEOUT_SECONDS
                        + " s", argv, -1, null);
            }
            if (p.exitValue() != 0) {
                String words = err.join().strip();
                throw new HostCommandException(String.join(" ", argv) + " failed (exit " + p.exitValue() + ")"
                        + (words.isEmpty() ? "" : ": " + words), argv, p.exitValue(), null);
            }
            return out;
        } catch (IOException | UncheckedIOException e) {
            p.destroyForcibly();
            throw new HostCommandException("cannot talk to " + tool + ": " + e.getMessage(), argv, -1, e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new HostCommandException("interrupted while running " + String.join(" ", argv), argv, -1, e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
