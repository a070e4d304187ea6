package dev.jvirt.vmmcore.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One detached tmux session on a server of the test's own ({@code -L}, no configuration): a real
 * terminal for {@code virsh console}. The command runs under {@code sh -c}, which prints
 * {@code EXIT=status} when it ends and keeps the pane open. Closing kills the server.
 */
final class TmuxPane implements AutoCloseable {
    private final String server;

    private TmuxPane(String server) {
        this.server = server;
    }

    static TmuxPane start(String server, List<String> command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("tmux", "-L", server, "-f", "/dev/null", "new-session", "-d", "-s", "t",
                "-x", "160", "-y", "50", "sh", "-c", "\"$@\"; echo EXIT=$?; sleep 600", "sh"));
        argv.addAll(command);
        run(argv);
        return new TmuxPane(server);
    }

    String capture() throws IOException, InterruptedException {
        return run(List.of("tmux", "-L", server, "capture-pane", "-p", "-J", "-S", "-2000", "-t", "t"));
    }

    /** Waits until the pane has a line equal to {@code line} (after {@code after}, if given); false on timeout. */
    boolean awaitLine(String line, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (capture().lines().map(String::strip).anyMatch(line::equals)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    void type(String text) throws IOException, InterruptedException {
        run(List.of("tmux", "-L", server, "send-keys", "-t", "t", "-l", text));
    }

    void key(String key) throws IOException, InterruptedException {
        run(List.of("tmux", "-L", server, "send-keys", "-t", "t", key));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("tmux", "-L", server, "kill-server").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
    }

    private static String run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }
}
