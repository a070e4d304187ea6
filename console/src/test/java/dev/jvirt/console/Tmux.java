package dev.jvirt.console;

import dev.jvirt.testimages.HostPackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A detached tmux session: a real pseudo-terminal for tests. Killed on close. */
final class Tmux implements AutoCloseable {

    final String name;
    final java.nio.file.Path dir;

    private Tmux(String name, java.nio.file.Path dir) {
        this.name = name;
        this.dir = dir;
    }

    /** Runs {@code command} in a new detached 120x40 session, in directory {@code dir}. */
    static Tmux start(String name, java.nio.file.Path dir, String command) throws Exception {
        HostPackages.command("tmux", "tmux");
        run("tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40", "-c", dir.toString(), command);
        return new Tmux(name, dir);
    }

    /** The pane's terminal device, e.g. /dev/pts/7. */
    String tty() throws Exception {
        return run("tmux", "display-message", "-p", "-t", name, "#{pane_tty}").trim();
    }

    String capture() throws Exception {
        return run("tmux", "capture-pane", "-p", "-J", "-S", "-200", "-t", name);
    }

    String awaitScreen(Predicate<String> test, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen;
        while (!test.test(screen = capture())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("tmux pane not as expected within " + timeout + ":\n" + screen);
            }
            Thread.sleep(100);
        }
        return screen;
    }

    /** Types literal text. */
    void type(String text) throws Exception {
        run("tmux", "send-keys", "-t", name, "-l", text);
    }

    /** Sends a key by tmux's name: Enter, C-], ... */
    void key(String key) throws Exception {
        run("tmux", "send-keys", "-t", name, key);
    }

    @Override
    public void close() throws Exception {
        try {
            run("tmux", "kill-session", "-t", name);
        } catch (IOException e) {
            // already gone
        }
    }

    static String stty(String option, String tty) throws Exception {
        return run("stty", option, "-F", tty).trim();
    }

    static String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(argv))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }
}
