package dev.jvirt.virshcompat.it;

import dev.jvirt.testimages.HostPackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A tmux server of the test's own (its own socket name, no configuration file) with one detached
 * 120x40 session: a real pseudo-terminal. The pane runs a command given as an argument list (tmux
 * executes it directly, no shell). Closing kills the server, and its pid if it lingers.
 */
final class Tmux implements AutoCloseable {

    private static final java.util.concurrent.atomic.AtomicInteger STARTED = new java.util.concurrent.atomic.AtomicInteger();
    private final String server;
    private final long pid;

    private Tmux(String server, long pid) {
        this.server = server;
        this.pid = pid;
    }

    /**
     * Starts a server named {@code server} plus a number of its own: a server that was just
     * killed can still hold its socket, and a new client of the same name then reaches the dying
     * server ("server exited unexpectedly"), as CI once saw for two shells one after the other.
     */
    static Tmux start(String server, List<String> command) throws Exception {
        HostPackages.command("tmux", "tmux");
        server = server + "-" + STARTED.incrementAndGet();
        List<String> argv = new ArrayList<>(List.of("tmux", "-L", server, "-f", "/dev/null", "new-session", "-d",
                "-s", "t", "-x", "120", "-y", "40", "--"));
        argv.addAll(command);
        run(argv);
        long pid = Long.parseLong(run(List.of("tmux", "-L", server, "display-message", "-p", "-t", "t", "#{pid}")).trim());
        return new Tmux(server, pid);
    }

    /** The pane's terminal device, e.g. /dev/pts/7. */
    String tty() throws Exception {
        return tmux("display-message", "-p", "-t", "t", "#{pane_tty}").trim();
    }

    /** The pane's text with its scrollback, wrapped lines joined. */
    String capture() throws Exception {
        return tmux("capture-pane", "-p", "-J", "-S", "-1000", "-t", "t");
    }

    String awaitScreen(String what, Predicate<String> test, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen;
        while (!test.test(screen = capture())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the pane did not show " + what + " within " + timeout + ":\n" + screen);
            }
            Thread.sleep(100);
        }
        return screen;
    }

    /** Types literal text. */
    void type(String text) throws Exception {
        tmux("send-keys", "-t", "t", "-l", text);
    }

    /** Sends a key by tmux's name: Enter, C-], C-c ... */
    void key(String key) throws Exception {
        tmux("send-keys", "-t", "t", key);
    }

    @Override
    public void close() throws Exception {
        try {
            tmux("kill-server");
        } catch (IOException e) {
            // already gone
        }
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroyForcibly();
        });
    }

    private String tmux(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("tmux", "-L", server));
        argv.addAll(List.of(args));
        return run(argv);
    }

    static String run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }
}
