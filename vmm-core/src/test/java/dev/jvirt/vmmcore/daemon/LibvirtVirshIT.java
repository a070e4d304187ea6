package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.Differential;
import dev.jvirt.testimages.PrivateLibvirt;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stock virsh against jvirtd's libvirt socket prints what it prints against libvirtd: the same
 * commands (define → list → start → dominfo → console → shutdown → undefine, with
 * {@code virsh event --all --loop} watching) run against a private session libvirtd (as nobody)
 * and against jvirtd, and the two transcripts are compared whole. Only the CPU time of dominfo
 * differs by nature and is masked.
 */
@ExtendWith(TinyGuestExtension.class)
class LibvirtVirshIT {
    private static final String NAME = "wire1";
    private static final Duration BOOT = Duration.ofSeconds(240);

    @Test
    void virshTranscriptAgainstJvirtdEqualsTheOneAgainstLibvirtd(TinyGuest guest) throws Exception {
        try (DaemonFixture f = new DaemonFixture(); PrivateLibvirt lv = PrivateLibvirt.start()) {
            Jvirtd d = f.start();
            Path kernel = lv.copyIn(guest.kernel());
            Path initrd = lv.copyIn(guest.initrd());
            Path xml = lv.writeXml(NAME + ".xml", domainXml(kernel, initrd));

            List<String> jvirtd = List.of("virsh", "-c", "qemu+unix:///session?socket=" + d.libvirtSocket());
            List<String> libvirtd = lv.command("virsh", "-c", "qemu:///session");
            lv.virsh("list"); // starts the private libvirtd before anything is timed or watched

            Transcript expected = transcript(libvirtd, xml, f.root.resolve("lv-events.txt"), "lv");
            Transcript actual = transcript(jvirtd, xml, f.root.resolve("jv-events.txt"), "jv");
            // kept for people: target/libvirt-virsh-transcript.txt is what both daemons made virsh print
            Files.writeString(Path.of("target", "libvirt-virsh-transcript.txt"), actual.commands()
                    + "\n" + String.join("\n", actual.events()) + "\n");
            Differential diff = new Differential("virsh transcript differential");
            diff.transcripts("virsh lifecycle transcript", actual.commands(), expected.commands());
            diff.fact("virsh event --all --loop", "events printed", actual.events(), expected.events());
            System.out.print(diff.report());
            assertThat(diff.differences()).isEmpty();
            assertThat(actual.commands()).isEqualTo(expected.commands());
            assertThat(actual.events()).isEqualTo(expected.events());
            assertThat(actual.events()).contains("event 'lifecycle' for domain 'wire1': Started Booted",
                    "event 'lifecycle' for domain 'wire1': Stopped Shutdown");
        }
    }

    record Transcript(String commands, List<String> events) {
    }

    private static Transcript transcript(List<String> virsh, Path xml, Path eventsFile, String tag) throws Exception {
        List<String> watch = new ArrayList<>(virsh);
        watch.addAll(List.of("event", "--all", "--loop"));
        Process events = new ProcessBuilder(watch).redirectErrorStream(true).redirectOutput(eventsFile.toFile()).start();
        try {
            int from = awaitWatching(virsh, xml, eventsFile);
            StringBuilder t = new StringBuilder();
            t.append(run(virsh, "define", xml.toString()));
            t.append(run(virsh, "list", "--all"));
            t.append(run(virsh, "start", NAME));
            t.append(run(virsh, "dominfo", NAME).replaceAll("(CPU time:\\s+)\\S+", "$1(masked)"));
            t.append(run(virsh, "domstate", NAME, "--reason"));
            t.append(run(virsh, "list"));
            t.append(console(virsh, tag));
            t.append(run(virsh, "shutdown", NAME));
            awaitShutOff(virsh);
            t.append(run(virsh, "domstate", NAME, "--reason"));
            t.append(run(virsh, "undefine", NAME));
            t.append(run(virsh, "list", "--all"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(eventsFile).contains("Undefined Removed") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            List<String> printed = Files.readAllLines(eventsFile).stream().filter(l -> !l.isBlank()).toList();
            return new Transcript(t.toString(), printed.subList(from, printed.size()));
        } finally {
            events.destroy();
            if (!events.waitFor(10, TimeUnit.SECONDS)) {
                events.destroyForcibly();
            }
        }
    }

    /**
     * Defines and undefines a sentinel domain until {@code virsh event} has printed its removal:
     * from then on the watcher is registered. Returns the number of event lines up to there.
     */
    private static int awaitWatching(List<String> virsh, Path xml, Path eventsFile) throws Exception {
        Path sentinel = xml.resolveSibling("sentinel.xml");
        Files.writeString(sentinel, Files.readString(xml).replace("<name>" + NAME + "</name>", "<name>sentinel</name>")
                .replaceAll("<uuid>[^<]*</uuid>", "<uuid>5e5e5e5e-0000-4000-8000-000000000001</uuid>"));
        sentinel.toFile().setReadable(true, false);
        String done = "event 'lifecycle' for domain 'sentinel': Undefined Removed";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            run(virsh, "define", sentinel.toString());
            run(virsh, "undefine", "sentinel");
            long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < wait) {
                List<String> lines = Files.readAllLines(eventsFile).stream().filter(l -> !l.isBlank()).toList();
                if (lines.contains(done)) {
                    return lines.lastIndexOf(done) + 1;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("virsh event --all --loop printed no event within 60 s: " + Files.readString(eventsFile));
    }

    /** virsh console in a terminal: the shell answers, a command echoes, Ctrl+] leaves with status 0. */
    private static String console(List<String> virsh, String tag) throws Exception {
        List<String> cmd = new ArrayList<>(virsh);
        cmd.addAll(List.of("console", NAME));
        try (TmuxPane pane = TmuxPane.start("jvirt-wire-" + tag + "-" + ProcessHandle.current().pid(), cmd)) {
            StringBuilder t = new StringBuilder("$ virsh console " + NAME + "\n");
            t.append("connected: ").append(pane.awaitLine("Connected to domain '" + NAME + "'", Duration.ofSeconds(60))).append('\n');
            t.append("escape: ").append(pane.awaitLine("Escape character is ^] (Ctrl + ])", Duration.ofSeconds(10))).append('\n');
            boolean prompt = false;
            long deadline = System.nanoTime() + BOOT.toNanos();
            while (!prompt && System.nanoTime() < deadline) {
                pane.key("Enter");
                prompt = pane.capture().lines().anyMatch(l -> l.strip().equals("tiny#"));
                if (!prompt) {
                    Thread.sleep(2000);
                }
            }
            t.append("shell prompt: ").append(prompt).append('\n');
            pane.type("echo wire-$((6*7))");
            pane.key("Enter");
            t.append("echo: ").append(pane.awaitLine("wire-42", Duration.ofSeconds(60))).append('\n');
            pane.key("C-]");
            t.append("left: ").append(pane.awaitLine("EXIT=0", Duration.ofSeconds(30))).append('\n');
            return t.toString();
        }
    }

    private static void awaitShutOff(List<String> virsh) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (run(virsh, "domstate", NAME).contains("shut off")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("domain " + NAME + " did not shut off within 180 s of virsh shutdown");
    }

    /** Runs virsh with {@code args} (C locale): "$ virsh ARGS", its output, "stderr: ..." if any, "exit N". */
    static String run(List<String> virsh, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(virsh);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        byte[] err = new byte[0];
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("virsh " + String.join(" ", args) + " did not finish in 120 s");
        }
        String e = new String(err, StandardCharsets.UTF_8);
        return "$ virsh " + String.join(" ", args) + "\n" + out + (e.isBlank() ? "" : "stderr: " + e) + "exit " + p.exitValue() + "\n";
    }

    private static String domainXml(Path kernel, Path initrd) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <uuid>0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9</uuid>
                  <memory unit='MiB'>%d</memory>
                  <vcpu>1</vcpu>
                  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                    <kernel>%s</kernel>
                    <initrd>%s</initrd>
                    <cmdline>%s</cmdline>
                  </os>
                  <features>
                    <acpi/>
                  </features>
                  <devices>
                    <serial type='pty'>
                      <target port='0'/>
                    </serial>
                  </devices>
                </domain>
                """.formatted(NAME, TinyGuest.MEMORY_MIB, kernel, initrd, TinyGuest.CMDLINE);
    }
}
