package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.virshcompat.it.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * bin/jvirsh against a real jvirtd running the tiny guest, for what a user does every day with
 * definitions (issue #18): redefining a running domain says what happened, --no-replace refuses,
 * the live XML is libvirt's shape (id, machine, emulator, aliases) and defines again unchanged, a start that cannot work because of
 * a missing file says so at once in libvirt's words, and the host commands answer.
 */
@ExtendWith(TinyGuestExtension.class)
class JvirshDefineAndStartIT {

    @Test
    void redefineLiveXmlMissingDiskAndHostCommands(TinyGuest guest) throws Exception {
        Path scratch = Files.createTempDirectory("jvirsh-define-start-");
        try (JvirtdUnderTest daemon = new JvirtdUnderTest(scratch.resolve("daemon"))) {
            Distribution dist = Distribution.find(scratch);
            daemon.start(dist);
            Cli jvirsh = new Cli(dist.jvirsh(), Map.of("JVIRT_DEFAULT_URI", daemon.uri()));
            Path xml = TinyDomainXml.write(guest, "daily1", scratch);
            String text = Files.readString(xml);
            expect(jvirsh.run("define", xml.toString()), "Domain 'daily1' defined from " + xml + "\n\n");
            expect(jvirsh.run("start", "daily1"), "Domain 'daily1' started\n\n");

            // The live XML: the id on the root, the machine type QEMU runs, the emulator.
            Result live = jvirsh.run("dumpxml", "daily1");
            assertThat(live.out()).as(live.toString()).startsWith("<domain type='qemu' id='1'>\n")
                    .containsPattern("machine='pc-i440fx-\\d+\\.\\d+'")
                    .containsPattern("<emulator>/\\S+/qemu-system-x86_64</emulator>")
                    .contains("      <alias name='serial0'/>\n").contains("      <alias name='balloon0'/>\n");
            assertThat(jvirsh.run("dumpxml", "--inactive", "daily1").out()).startsWith("<domain type='qemu'>\n")
                    .contains("machine='pc'");

            // Redefining the running domain says that the change waits for its next start.
            Files.writeString(xml, text.replace("<vcpu>1</vcpu>", "<vcpu>2</vcpu>"));
            expect(jvirsh.run("define", xml.toString()), "Domain 'daily1' defined from " + xml + "\n"
                    + "Its previous definition was replaced; the running domain keeps the old one until its next start "
                    + "(jvirsh dumpxml --inactive daily1 shows the new one).\n\n");
            assertThat(jvirsh.run("dumpxml", "--inactive", "daily1").out()).contains(">2</vcpu>");
            assertThat(jvirsh.run("dumpxml", "daily1").out()).contains(">1</vcpu>");
            Result refused = jvirsh.run("define", "--no-replace", xml.toString());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).as(refused.toString()).startsWith("error: Failed to define domain from " + xml + "\n"
                    + "error: operation failed: domain 'daily1' already exists with uuid ");

            // The running domain's dumpxml defines unchanged (it is daily1's own, with its UUID).
            Path dumped = scratch.resolve("daily1-live.xml");
            Files.writeString(dumped, live.out());
            expect(jvirsh.run("define", dumped.toString()), "Domain 'daily1' defined from " + dumped + "\n"
                    + "Its previous definition was replaced; the running domain keeps the old one until its next start "
                    + "(jvirsh dumpxml --inactive daily1 shows the new one).\n\n");

            // A missing disk: found before QEMU runs, in libvirt's words, not an internal error.
            Path missing = scratch.resolve("nothere.qcow2");
            Path broken = scratch.resolve("daily2.xml");
            Files.writeString(broken, text.replace("<name>daily1</name>", "<name>daily2</name>")
                    .replace("<devices>", "<devices>\n    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
                            + "<source file='" + missing + "'/><target dev='vda' bus='virtio'/></disk>"));
            expect(jvirsh.run("define", broken.toString()), "Domain 'daily2' defined from " + broken + "\n\n");
            Result start = jvirsh.run("start", "daily2");
            assertThat(start.status()).as(start.toString()).isEqualTo(1);
            assertThat(start.err()).as(start.toString()).startsWith("error: Failed to start domain 'daily2'\n"
                    + "error: Cannot access storage file '" + missing + "': No such file or directory\n"
                    + "hint: disk 'vda' of domain 'daily2' names it");
            expect(jvirsh.run("list", "--state-shutoff", "--name"), "daily2\n\n");
            expect(jvirsh.run("domblklist", "--inactive", "daily2"), " Target   Source\n"
                    + "-".repeat(9 + missing.toString().length() + 3) + "\n vda      " + missing + "\n\n");

            Result version = jvirsh.run("version");
            assertThat(version.out()).as(version.toString()).containsPattern("\nRunning hypervisor: QEMU \\d+\\.\\d+\\.\\d+\n");
            Result memory = jvirsh.run("nodememstats");
            assertThat(memory.out()).as(memory.toString()).matches("total  : +\\d+ KiB\nfree   : +\\d+ KiB\n"
                    + "buffers: +\\d+ KiB\ncached : +\\d+ KiB\n\n");
            expect(jvirsh.run("destroy", "daily1"), "Domain 'daily1' destroyed\n\n");
        }
    }

    private static void expect(Result r, String stdout) {
        assertThat(r.out()).as(r.toString()).isEqualTo(stdout);
        assertThat(r.err()).as(r.toString()).isEmpty();
        assertThat(r.status()).as(r.toString()).isZero();
    }
}
