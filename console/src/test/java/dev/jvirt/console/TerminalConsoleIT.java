package dev.jvirt.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.console.hub.ConsoleSocketServer;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The terminal client under a real pseudo-terminal (tmux), against a hub on the tiny guest: raw
 * mode while attached, keystrokes reach the guest one by one, Ctrl+C goes to the guest, Ctrl+]
 * detaches, and the terminal's settings afterwards equal those before, on every way out (escape
 * key, SIGINT, SIGTERM, the guest powering off).
 */
@ExtendWith(TinyGuestExtension.class)
class TerminalConsoleIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void rawModeEscapeSignalsAndGuestStopAllRestoreTheTerminal(TinyGuest guest) throws Exception {
        String session = "jvirt-console-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (GuestVm vm = GuestVm.startPaused(guest, "tt");
                ConsoleHub hub = vm.hub("tiny", "console", vm.dir.resolve("console.log"));
                ConsoleSocketServer server = ConsoleSocketServer.serve(hub, vm.dir.resolve("stream.sock"))) {
            vm.cont();
            ConsoleHubIT.awaitRing(hub, TinyGuest.READY_MARKER, Duration.ofSeconds(120));
            Path d = vm.dir;
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // Every file the test waits for is written whole, then renamed into place: a reader
            // that sees it exist must never see it half-written (a plain '> file' is empty at first).
            String script = "stty -g > before.tmp; mv before.tmp before\nfor run in 1 2 3 4; do\n"
                    + "  while [ ! -e go$run ]; do sleep 0.1; done\n"
                    + "  " + java + " -XX:TieredStopAtLevel=1 -cp '" + classpath + "' "
                    + TerminalConsoleMain.class.getName() + " " + server.path() + " tiny pid$run 2> err$run\n"
                    + "  echo $? > exit$run.tmp; stty -g > after$run.tmp; mv after$run.tmp after$run;"
                    + " mv exit$run.tmp exit$run\n"
                    + "done\nexec sleep 600\n";
            Files.writeString(d.resolve("pane.sh"), script);
            try (Tmux tmux = Tmux.start(session, d, "sh pane.sh")) {
                String tty = tmux.tty();
                String before = await(d.resolve("before"));

                // 1: raw mode, typing, Ctrl+C to the guest, Ctrl+] to leave.
                go(d, 1);
                awaitWriter(hub, tmux);
                tmux.awaitScreen(s -> s.contains("Connected to domain 'tiny'\nEscape character is ^] (Ctrl + ])"), WAIT);
                String flags = awaitRaw(tty);
                assertThat(flags).contains("-icanon", "-echo ", "-isig", "-opost", "-icrnl", "-ixon");
                String word = "jvirt-" + ThreadLocalRandom.current().nextInt(1, 32768) + "-ok";
                tmux.type("echo " + word);
                // Without Enter, each character already reached the guest, which echoed it: no line editing here.
                awaitRing(hub, "echo " + word);
                tmux.key("Enter");
                Pattern answer = Pattern.compile("(?m)^" + word + "$");
                tmux.awaitScreen(s -> answer.matcher(s).find(), WAIT);
                tmux.type("sleep 30");
                tmux.key("Enter");
                Thread.sleep(500);
                tmux.key("C-c");
                tmux.type("echo after-$((40+2))");
                tmux.key("Enter");
                tmux.awaitScreen(s -> s.contains("\nafter-42"), WAIT);
                tmux.key("C-]");
                assertThat(await(d.resolve("exit1"))).isEqualTo("0");
                assertThat(await(d.resolve("after1"))).isEqualTo(before);
                assertThat(hub.isRunning()).as("the guest is undisturbed").isTrue();

                // 2 and 3: SIGINT and SIGTERM to the client.
                for (int run = 2; run <= 3; run++) {
                    awaitNoWriter(hub);
                    go(d, run);
                    awaitWriter(hub, tmux);
                    awaitRaw(tty);
                    Tmux.run("kill", run == 2 ? "-INT" : "-TERM", await(d.resolve("pid" + run)));
                    assertThat(await(d.resolve("exit" + run))).isEqualTo(run == 2 ? "130" : "143");
                    assertThat(await(d.resolve("after" + run))).as("settings after run " + run).isEqualTo(before);
                }

                // 4: the guest powers off: the client says so and exits 0.
                awaitNoWriter(hub);
                go(d, 4);
                awaitWriter(hub, tmux);
                tmux.type("poweroff");
                tmux.key("Enter");
                assertThat(await(d.resolve("exit4"))).isEqualTo("0");
                assertThat(await(d.resolve("after4"))).isEqualTo(before);
                tmux.awaitScreen(s -> s.contains("Domain 'tiny' stopped; its console is closed"), WAIT);
            }
        }
    }

    /** Raw mode is set just after the banner; returns {@code stty -a} once ICANON is off. */
    private static String awaitRaw(String tty) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String flags;
        while (!(flags = Tmux.stty("-a", tty)).contains("-icanon")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the terminal did not go raw:\n" + flags);
            }
            Thread.sleep(50);
        }
        return flags;
    }

    private static void go(Path d, int run) throws Exception {
        Files.writeString(d.resolve("go" + run), "");
    }

    private static String await(Path file) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " did not appear within " + WAIT);
            }
            Thread.sleep(50);
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    private static void awaitWriter(ConsoleHub hub, Tmux tmux) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!hub.hasWriter()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the client did not attach; the pane shows:\n" + tmux.capture()
                        + "\nprocesses: " + Tmux.run("sh", "-c", "ps -ef | grep TerminalConsoleMain | grep -v grep | cut -c1-300")
                        + "\nfiles: " + Tmux.run("sh", "-c", "ls -la " + tmux.dir + "; cat " + tmux.dir + "/err*"));
            }
            Thread.sleep(50);
        }
    }

    private static void awaitNoWriter(ConsoleHub hub) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (hub.hasWriter()) {
            assertThat(System.nanoTime()).as("the client detached").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitRing(ConsoleHub hub, String text) throws InterruptedException {
        ConsoleHubIT.awaitRing(hub, text, WAIT);
    }
}
