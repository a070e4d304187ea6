package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.virshcompat.it.Cli.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code jvirsh console} itself (bin/jvirsh, as a user runs it) under a real pseudo-terminal (tmux)
 * against a real jvirtd and the tiny guest: virsh's banner, the boot's last lines replayed when
 * attaching after the boot, raw mode while attached (stty from outside, and Ctrl+C reaching the
 * guest), typing into the guest's shell, Ctrl+] detaching with status 0, {@code --escape ^T},
 * {@code --history 0}, and the guest powering off while attached; after each, the terminal's
 * settings ({@code stty -g}) equal those before. Also the refusal of a domain that is not running.
 */
@ExtendWith(TinyGuestExtension.class)
class JvirshConsoleTerminalIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String NAME = "tty1";

    @Test
    void attachTypeDetachEscapeAndPowerOffUnderARealTerminal(TinyGuest guest) throws Exception {
        Path scratch = Files.createTempDirectory("jvirsh-console-tty-");
        try (JvirtdUnderTest daemon = new JvirtdUnderTest(scratch.resolve("daemon"))) {
            Distribution dist = Distribution.find(scratch);
            daemon.start(dist);
            Cli jvirsh = new Cli(dist.jvirsh(), Map.of("JVIRT_DEFAULT_URI", daemon.uri()));
            ok(jvirsh.run("define", TinyDomainXml.write(guest, NAME, scratch).toString()));

            Result off = jvirsh.run("console", NAME);
            assertThat(off.status()).as(off.toString()).isEqualTo(1);
            assertThat(off.err()).as(off.toString()).startsWith("error: The domain is not running\n"
                    + "error: Requested operation is not valid: cannot open the console of domain 'tty1': it is shut off")
                    .endsWith("hint: jvirsh start tty1 starts it (with --console to attach at once); "
                            + "jvirsh console --log tty1 shows what it printed when it last ran\n");

            ok(jvirsh.run("start", NAME));
            SerialOutput.await(daemon.state.resolve("log/qemu/" + NAME + ".console.log"), TinyGuest.READY_MARKER, WAIT);

            Path pane = Files.createDirectories(scratch.resolve("pane"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String server = "jvirt-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
            try (Tmux tmux = Tmux.start(server, List.of(java, "-cp", testClasses(), TerminalPane.class.getName(),
                    pane.toString()))) {
                String tty = tmux.tty();
                String before = await(pane, "before");
                try {
                    // 1: attach after the boot, type, Ctrl+C to the guest, Ctrl+] to leave.
                    command(pane, 1, dist, daemon, "console", NAME);
                    String banner = "Connected to domain 'tty1'\nEscape character is ^] (Ctrl + ])\n";
                    tmux.awaitScreen("the banner", s -> s.contains(banner), WAIT);
                    tmux.awaitScreen("the boot's last lines after the banner",
                            s -> after(s, banner).contains(TinyGuest.READY_MARKER), WAIT);
                    assertThat(awaitRaw(tty)).contains("-icanon", "-echo ", "-isig", "-opost", "-icrnl", "-ixon");
                    String word = "jvirt-" + ThreadLocalRandom.current().nextInt(1, 32768) + "-ok";
                    tmux.type("echo " + word);
                    tmux.key("Enter");
                    Pattern answer = Pattern.compile("(?m)^" + word + "$");
                    tmux.awaitScreen(word, s -> answer.matcher(s).find(), WAIT);
                    tmux.type("sleep 30");
                    tmux.key("Enter");
                    Thread.sleep(1000);
                    tmux.key("C-c"); // raw mode: not a signal to jvirsh but a byte to the guest, whose shell stops sleep
                    tmux.type("echo after-$((40+2))");
                    tmux.key("Enter");
                    tmux.awaitScreen("the guest's answer after Ctrl+C", s -> s.contains("\nafter-42"), WAIT);
                    tmux.key("C-]");
                    assertThat(await(pane, "exit1")).as("exit status after Ctrl+]").isEqualTo("0");
                    assertThat(await(pane, "after1")).as("stty -g after Ctrl+]").isEqualTo(before);
                    assertThat(daemon.api().state(NAME).state()).isEqualTo("running");

                    // 2: another escape character, and no replay of earlier output.
                    command(pane, 2, dist, daemon, "console", "--escape", "^T", "--history", "0", NAME);
                    String banner2 = "Connected to domain 'tty1'\nEscape character is ^T (Ctrl + T)\n";
                    tmux.awaitScreen("the banner naming ^T", s -> s.contains(banner2), WAIT);
                    awaitRaw(tty);
                    tmux.type("echo second-$((6*7))");
                    tmux.key("Enter");
                    String second = tmux.awaitScreen("the second session's answer", s -> after(s, banner2).contains("\nsecond-42"), WAIT);
                    assertThat(after(second, banner2)).as("--history 0 replays nothing").doesNotContain(word);
                    tmux.key("C-t");
                    assertThat(await(pane, "exit2")).as("exit status after Ctrl+T").isEqualTo("0");
                    assertThat(await(pane, "after2")).as("stty -g after Ctrl+T").isEqualTo(before);

                    // 3: the guest powers off while attached.
                    command(pane, 3, dist, daemon, "console", NAME);
                    tmux.awaitScreen("the third banner", s -> s.split("Connected to domain 'tty1'", -1).length == 4, WAIT);
                    awaitRaw(tty);
                    tmux.type("poweroff");
                    tmux.key("Enter");
                    assertThat(await(pane, "exit3")).as("exit status after the guest stopped").isEqualTo("0");
                    assertThat(await(pane, "after3")).as("stty -g after the guest stopped").isEqualTo(before);
                    tmux.awaitScreen("the notice", s -> s.contains("Domain 'tty1' stopped; its console is closed"), WAIT);
                } catch (AssertionError | Exception e) {
                    throw new AssertionError(e.getMessage() + "\n--- pane:\n" + tmux.capture() + "\n--- jvirtd:\n"
                            + daemon.log(), e);
                } finally {
                    publish(pane, "quit", "");
                }
            } finally {
                // the pane's process and what it started, by pid, should any outlive the tmux server
                JvirtdUnderTest.killProcessesMentioning(pane);
            }
            Result log = jvirsh.run("console", "--log", NAME);
            assertThat(log.status()).as(log.toString()).isZero();
            assertThat(log.out()).contains(TinyGuest.READY_MARKER, "\nafter-42", "\nsecond-42", "poweroff");
        } finally {
            JvirtdUnderTest.deleteTree(scratch);
        }
    }

    /** Drops run {@code n}'s command (bin/jvirsh -c URI ARGS) into the pane's directory. */
    private static void command(Path pane, int n, Distribution dist, JvirtdUnderTest daemon, String... args)
            throws Exception {
        List<String> argv = new ArrayList<>(List.of(dist.jvirsh().toString(), "-c", daemon.uri()));
        argv.addAll(List.of(args));
        publish(pane, "cmd" + n, String.join("\n", argv) + "\n");
    }

    private static void publish(Path dir, String name, String text) throws Exception {
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The text after the last occurrence of {@code marker} ("" if none). */
    private static String after(String screen, String marker) {
        int at = screen.lastIndexOf(marker);
        return at < 0 ? "" : screen.substring(at + marker.length());
    }

    /** {@code stty -a} of the pane's terminal once ICANON is off (raw mode is set just after the banner). */
    private static String awaitRaw(String tty) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String flags;
        while (!(flags = Tmux.run(List.of("stty", "-a", "-F", tty))).contains("-icanon")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the terminal did not go raw:\n" + flags);
            }
            Thread.sleep(50);
        }
        return flags;
    }

    private static String await(Path dir, String name) throws Exception {
        Path file = dir.resolve(name);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " did not appear within " + WAIT);
            }
            Thread.sleep(50);
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    private static String testClasses() {
        for (String entry : System.getProperty("java.class.path").split(":")) {
            if (entry.endsWith("test-classes")) {
                return entry;
            }
        }
        throw new IllegalStateException("no test-classes on the class path");
    }

    private static void ok(Result r) {
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
    }
}
