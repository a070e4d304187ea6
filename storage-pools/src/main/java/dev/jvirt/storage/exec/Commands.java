package dev.jvirt.storage.exec;

import dev.jvirt.storage.StorageException;
import dev.jvirt.storage.ToolFailedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs external tools from argument lists (never a shell), in the C locale, with a time limit.
 * One instance is shared by the backends; it holds no mutable state.
 */
public final class Commands {
    private static final Logger log = LoggerFactory.getLogger(Commands.class);
    /** How long a tool may run unless the caller says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final Map<String, String> env;

    /** Tools run with the C locale and LVM's leaked-descriptor warnings off. */
    public Commands() {
        this.env = Map.of("LC_ALL", "C", "LVM_SUPPRESS_FD_WARNINGS", "1");
    }

    /** Runs and returns the result whatever the exit status. */
    public CommandResult run(List<String> argv, Duration timeout) {
        return run(argv, timeout, null, () -> false);
    }

    /** Runs, failing with the tool's words when it exits non-zero; {@code what} says what was tried. */
    public CommandResult check(List<String> argv, String what) {
        return check(argv, what, DEFAULT_TIMEOUT);
    }

    /** {@link #check(List, String)} with a time limit. */
    public CommandResult check(List<String> argv, String what, Duration timeout) {
        CommandResult r = run(argv, timeout);
        if (r.exit() != 0) {
            throw failure(what, r);
        }
        return r;
    }

    /** The exception for a failed tool: what was tried, the tool's words, its exit status. */
    public static ToolFailedException failure(String what, CommandResult r) {
        return new ToolFailedException(what + ": " + r.argv().get(0) + " failed (exit " + r.exit() + "): " + r.complaint());
    }

    /**
     * Runs; {@code progress}, when given, receives stdout piece by piece split at CR or LF (qemu-img's
     * {@code -p} output); {@code cancelled} is polled and kills the tool when it turns true.
     */
    public CommandResult run(List<String> argv, Duration timeout, Consumer<String> progress, BooleanSupplier cancelled) {
        log.debug("run {}", argv);
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ToolFailedException("cannot run " + argv.get(0) + " (is it installed?): " + e.getMessage(), e);
        }
        CompletableFuture<String> err = reader(() -> drain(p.getErrorStream()));
        CompletableFuture<String> out = reader(() -> progress == null
                ? drain(p.getInputStream()) : pieces(p.getInputStream(), progress));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!p.waitFor(50, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    kill(p);
                    throw new StorageException(argv.get(0) + " was cancelled");
                }
                if (System.nanoTime() > deadline) {
                    kill(p);
                    throw new ToolFailedException(argv.get(0) + " did not finish within " + timeout.toSeconds() + " s: " + argv);
                }
            }
            return new CommandResult(argv, p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new StorageException(argv.get(0) + " was interrupted", e);
        }
    }

    /** A thread of its own per pipe: the common pool may have one thread on a small machine. */
    private static CompletableFuture<String> reader(java.util.function.Supplier<String> body) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(body.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        }, "storage-tool-pipe");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static void kill(Process p) {
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pieces(InputStream in, Consumer<String> progress) {
        StringBuilder all = new StringBuilder();
        StringBuilder piece = new StringBuilder();
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            int c;
            while ((c = r.read()) >= 0) {
                all.append((char) c);
                if (c == '\r' || c == '\n') {
                    if (piece.length() > 0) {
                        progress.accept(piece.toString());
                    }
                    piece.setLength(0);
                } else {
                    piece.append((char) c);
                }
            }
            if (piece.length() > 0) {
                progress.accept(piece.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }
}
