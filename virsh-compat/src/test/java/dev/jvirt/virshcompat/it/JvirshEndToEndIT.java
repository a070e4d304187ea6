package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.virshcompat.it.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * bin/jvirsh as a user runs it (a subprocess) against a real jvirtd, through a whole life of the
 * tiny guest: define, list, start, dominfo, the console with stdin a pipe, events, shutdown,
 * undefine. Output is checked to the character against the formats virsh 9.0 prints.
 */
@ExtendWith(TinyGuestExtension.class)
class JvirshEndToEndIT {

    private static final String XML = """
            <domain type='qemu'>
              <name>tiny1</name>
              <memory unit='MiB'>%d</memory>
              <vcpu>1</vcpu>
              <os>
                <type arch='x86_64' machine='pc'>hvm</type>
                <kernel>%s</kernel>
                <initrd>%s</initrd>
                <cmdline>%s</cmdline>
              </os>
              <features><acpi/></features>
              <devices>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2'/>
                  <source file='%s'/>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <interface type='user'>
                  <mac address='52:54:00:4a:56:01'/>
                  <model type='virtio'/>
                </interface>
                <serial type='pty'><target port='0'/></serial>
              </devices>
            </domain>
            """;

    @Test
    void defineListStartInfoConsoleShutdownUndefine(TinyGuest guest) throws Exception {
        Path scratch = Files.createTempDirectory("jvirsh-e2e-");
        try (JvirtdUnderTest daemon = new JvirtdUnderTest(scratch.resolve("daemon"))) {
            Distribution dist = Distribution.find(scratch);
            daemon.start(dist);
            // JVIRT_DEFAULT_URI chooses the daemon, as a user's environment would.
            Cli jvirsh = new Cli(dist.jvirsh(), Map.of("JVIRT_DEFAULT_URI", daemon.uri()));
            Path disk = guest.newDisk("tiny1-vda");
            Path xml = scratch.resolve("tiny1.xml");
            Files.writeString(xml, String.format(XML, TinyGuest.MEMORY_MIB, guest.kernel(), guest.initrd(),
                    TinyGuest.CMDLINE, disk));

            expect(jvirsh.run("define", xml.toString()), "Domain 'tiny1' defined from " + xml + "\n\n");
            expect(jvirsh.run("list", "--all"), """
                     Id   Name    State
                    ------------------------
                     -    tiny1   shut off

                    """);
            expect(jvirsh.run("list"), " Id   Name   State\n--------------------\n\n");
            expect(jvirsh.run("domstate", "--reason", "tiny1"), "shut off (unknown)\n\n");
            expect(jvirsh.run("domblklist", "--details", "tiny1"), " Type   Device   Target   Source\n"
                    + "-".repeat(7 + 9 + 9 + disk.toString().length() + 3) + "\n"
                    + " file   disk     vda      " + disk + "\n\n");
            expect(jvirsh.run("domiflist", "tiny1"), """
                     Interface   Type   Source   Model    MAC
                    ---------------------------------------------------------
                     -           user   -        virtio   52:54:00:4a:56:01

                    """);
            Result native_ = jvirsh.run("domxml-to-native", "qemu-argv", xml.toString());
            assertThat(native_.status()).as(native_.toString()).isZero();
            assertThat(native_.out()).startsWith("/usr/bin/qemu-system-x86_64 ").contains(" -accel tcg ").endsWith("\n\n");

            expect(jvirsh.run("start", "tiny1"), "Domain 'tiny1' started\n\n");
            Result id = jvirsh.run("domid", "tiny1");
            assertThat(id.out()).matches("\\d\\n\\n");
            String n = id.out().substring(0, 1);
            expect(jvirsh.run("list"), " Id   Name    State\n-----------------------\n " + n + "    tiny1   running\n\n");
            expect(jvirsh.run("domstate", "--reason", n), "running (booted)\n\n");
            String uuid = jvirsh.run("domuuid", "tiny1").out().strip();
            Result info = jvirsh.run("dominfo", "tiny1");
            assertThat(info.status()).as(info.toString()).isZero();
            assertThat(info.out()).matches("Id:             " + n + "\n"
                    + "Name:           tiny1\n"
                    + "UUID:           " + uuid + "\n"
                    + "OS Type:        hvm\n"
                    + "State:          running\n"
                    + "CPU\\(s\\):         1\n"
                    + "(CPU time:       \\d+\\.\\ds\n)?"
                    + "Max memory:     131072 KiB\n"
                    + "Used memory:    131072 KiB\n"
                    + "Persistent:     yes\n"
                    + "Autostart:      disable\n"
                    + "Managed save:   no\n"
                    + "Security model: none\n"
                    + "Security DOI:   0\n\n");
            Result again = jvirsh.run("start", "tiny1");
            assertThat(again.status()).isEqualTo(1);
            assertThat(again.err()).startsWith("error: Failed to start domain 'tiny1'\n"
                    + "error: Requested operation is not valid: ");
            assertThat(jvirsh.run("dumpxml", "tiny1").out()).startsWith("<domain type='qemu'").contains("<name>tiny1</name>");
            // QMP/HMP passthrough over the daemon's monitor connection (a QMP error is QEMU's answer, status 0).
            Result qmp = jvirsh.run("qemu-monitor-command", "tiny1", "{\"execute\":\"query-status\"}");
            assertThat(qmp.status()).as(qmp.toString()).isZero();
            assertThat(qmp.out()).startsWith("{\"return\":{").contains("\"status\":\"running\"");
            Result hmp = jvirsh.run("qemu-monitor-command", "tiny1", "--hmp", "info", "status");
            assertThat(hmp.out()).as(hmp.toString()).contains("VM status: running");
            Result bogus = jvirsh.run("qemu-monitor-command", "tiny1", "{\"execute\":\"no-such-command\"}");
            assertThat(bogus.status()).as(bogus.toString()).isZero();
            assertThat(bogus.out()).contains("\"class\":\"CommandNotFound\"");

            SerialOutput.await(daemon.state.resolve("log/qemu/tiny1.console.log"), TinyGuest.READY_MARKER, Duration.ofSeconds(120));
            console(jvirsh);
            events(jvirsh);

            expect(jvirsh.run("shutdown", "tiny1"), "Domain 'tiny1' is being shutdown\n\n");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!daemon.api().state("tiny1").state().equals("shut off") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            expect(jvirsh.run("domstate", "--reason", "tiny1"), "shut off (shutdown)\n\n");
            expect(jvirsh.run("undefine", "tiny1"), "Domain 'tiny1' has been undefined\n\n");
            expect(jvirsh.run("list", "--all"), " Id   Name   State\n--------------------\n\n");

            Result missing = jvirsh.run("dominfo", "tiny1");
            assertThat(missing.status()).isEqualTo(1);
            assertThat(missing.out()).isEqualTo("\n");
            assertThat(missing.err()).startsWith("error: failed to get domain 'tiny1'\nerror: Domain not found: ");
        } finally {
            JvirtdUnderTest.deleteTree(scratch);
        }
    }

    /** jvirsh console with stdin a pipe: the banner, typing into the guest's shell, its answer, exit 0 at end of input. */
    private static void console(Cli jvirsh) throws Exception {
        Process console = jvirsh.start("console", "tiny1");
        StringBuilder seen = new StringBuilder();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try {
                byte[] buf = new byte[4096];
                for (int k; (k = console.getInputStream().read(buf)) > 0; ) {
                    synchronized (seen) {
                        seen.append(new String(buf, 0, k, java.nio.charset.StandardCharsets.ISO_8859_1));
                    }
                }
            } catch (java.io.IOException e) {
                // ends with the process
            }
        });
        CompletableFuture<String> err = Cli.drain(console.getErrorStream());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && console.isAlive()) {
            Cli.write(console.getOutputStream(), "echo jvirsh-$((6*7))\n");
            Thread.sleep(1000);
            synchronized (seen) {
                if (seen.toString().contains("jvirsh-42")) {
                    break;
                }
            }
        }
        if (console.isAlive()) {
            console.getOutputStream().close();
        }
        assertThat(console.waitFor(30, TimeUnit.SECONDS)).as("console ends after its input").isTrue();
        reader.join();
        assertThat(seen.toString()).as(err.join()).contains("jvirsh-42");
        assertThat(err.join()).startsWith("Connected to domain 'tiny1'\nEscape character is ^] (Ctrl + ])\n");
        assertThat(console.exitValue()).isZero();
    }

    /** jvirsh event waits for one lifecycle event of the domain and prints it as virsh does. */
    private static void events(Cli jvirsh) throws Exception {
        Process event = jvirsh.start("event", "--domain", "tiny1", "--event", "lifecycle", "--timeout", "90");
        event.getOutputStream().close();
        CompletableFuture<String> out = Cli.drain(event.getInputStream());
        CompletableFuture<String> err = Cli.drain(event.getErrorStream());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (event.isAlive() && System.nanoTime() < deadline) {
            expect(jvirsh.run("suspend", "tiny1"), "Domain 'tiny1' suspended\n\n");
            expect(jvirsh.run("resume", "tiny1"), "Domain 'tiny1' resumed\n\n");
            event.waitFor(1, TimeUnit.SECONDS);
        }
        assertThat(event.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out.join()).as(err.join()).matches("event 'lifecycle' for domain 'tiny1': "
                + "(Suspended Paused|Resumed Unpaused)\nevents received: 1\n\n");
        assertThat(event.exitValue()).isZero();
    }

    private static void expect(Result r, String stdout) {
        assertThat(r.out()).as(r.toString()).isEqualTo(stdout);
        assertThat(r.err()).as(r.toString()).isEmpty();
        assertThat(r.status()).as(r.toString()).isZero();
    }
}
