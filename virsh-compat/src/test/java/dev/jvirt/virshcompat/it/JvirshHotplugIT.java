package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.virshcompat.it.Cli.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * bin/jvirsh attach-device / detach-device (a volume disk) and attach-disk / detach-disk (a file,
 * --live and --persistent) on the running tiny guest: QEMU's block devices and the live and
 * stored definitions follow, and the volume is refused for delete while the guest has it.
 */
@ExtendWith(TinyGuestExtension.class)
class JvirshHotplugIT {

    @Test
    void disksComeAndGoInTheRunningGuest(TinyGuest guest) throws Exception {
        Path scratch = Files.createTempDirectory("jvirsh-hotplug-");
        try {
            try (JvirtdUnderTest daemon = new JvirtdUnderTest(scratch.resolve("daemon"))) {
                Distribution dist = Distribution.find(scratch);
                daemon.start(dist);
                Cli jvirsh = new Cli(dist.jvirsh(), Map.of("JVIRT_DEFAULT_URI", daemon.uri()));
                ok(jvirsh, null, "define", TinyDomainXml.write(guest, "hp1", scratch).toString());
                ok(jvirsh, null, "start", "hp1");
                Path console = daemon.state.resolve("log/qemu/hp1.console.log");
                awaitInLog(console, TinyGuest.READY_MARKER);

                ok(jvirsh, "Vol hot.qcow2 created\n\n", "vol-create-as", "default", "hot.qcow2", "8M", "--format", "qcow2");
                Path dev = scratch.resolve("vdb.xml");
                Files.writeString(dev, "<disk type='volume' device='disk'>\n  <driver name='qemu' type='qcow2'/>\n"
                        + "  <source pool='default' volume='hot.qcow2'/>\n  <target dev='vdb' bus='virtio'/>\n</disk>\n");
                ok(jvirsh, "Device attached successfully\n\n", "attach-device", "hp1", dev.toString());
                assertThat(ok(jvirsh, null, "domblklist", "hp1").out()).contains(" vdb ").contains("hot.qcow2");
                assertThat(ok(jvirsh, null, "qemu-monitor-command", "hp1", "{\"execute\":\"query-block\"}").out())
                        .contains("virtio-disk1");
                GuestShell.run(jvirsh, "hp1", console, "echo JVIRT-BLOCKS-IN $(ls /sys/block)", "JVIRT-BLOCKS-IN vda"); // the guest has it (its
                // kernel names disks in the order it finds them: the guest's only disk is its vda, whatever the target)
                Result inUse = jvirsh.run("vol-delete", "--pool", "default", "hot.qcow2");
                assertThat(inUse.err()).as(inUse.toString()).contains("in use by running domain 'hp1'");
                Result again = jvirsh.run("attach-device", "hp1", dev.toString());
                assertThat(again.err()).as(again.toString()).contains("error: Failed to attach device from " + dev + "\n")
                        .contains("target vdb already exists");
                ok(jvirsh, "Device detached successfully\n\n", "detach-device", "hp1", dev.toString());
                assertThat(ok(jvirsh, null, "domblklist", "hp1").out()).doesNotContain("vdb");
                GuestShell.run(jvirsh, "hp1", console, "echo JVIRT-BLOCKS-OUT $(ls /sys/block | grep -c vda)", "JVIRT-BLOCKS-OUT 0");
                ok(jvirsh, "Vol hot.qcow2 deleted\n\n", "vol-delete", "--pool", "default", "hot.qcow2");

                Path file = scratch.resolve("extra.raw");
                try (var f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
                    f.setLength(4L << 20);
                }
                ok(jvirsh, "Disk attached successfully\n\n", "attach-disk", "hp1", file.toString(), "vdc", "--persistent");
                assertThat(ok(jvirsh, null, "domblklist", "hp1").out()).contains(" vdc ").contains(file.toString());
                assertThat(ok(jvirsh, null, "dumpxml", "--inactive", "hp1").out()).contains("<target dev='vdc' bus='virtio'/>");
                ok(jvirsh, "Disk detached successfully\n\n", "detach-disk", "hp1", "vdc", "--persistent");
                assertThat(ok(jvirsh, null, "domblklist", "hp1").out()).doesNotContain("vdc");
                assertThat(ok(jvirsh, null, "dumpxml", "--inactive", "hp1").out()).doesNotContain("vdc");
                assertThat(ok(jvirsh, null, "attach-disk", "hp1", file.toString(), "vdc", "--print-xml").out())
                        .contains("<source file='" + file + "'/>").contains("<target dev='vdc'/>");
                ok(jvirsh, null, "destroy", "hp1");
            }
        } finally {
            JvirtdUnderTest.deleteTree(scratch); // the images made here too
        }
    }

    private static Result ok(Cli jvirsh, String expectedOut, String... args) throws Exception {
        Result r = jvirsh.run(args);
        assertThat(r.status()).as(String.join(" ", args) + "\n" + r).isZero();
        if (expectedOut != null) {
            assertThat(r.out()).as(String.join(" ", args) + "\n" + r).isEqualTo(expectedOut);
        }
        return r;
    }

    private static void awaitInLog(Path log, String text) throws Exception {
        awaitInLog(log, text, 240);
    }

    private static void awaitInLog(Path log, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!(Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text))) {
            if (System.nanoTime() > deadline) {
                String seen = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "(no log)";
                throw new AssertionError("no " + text + " in " + log + "; it ends with:\n"
                        + seen.substring(Math.max(0, seen.length() - 3000)));
            }
            Thread.sleep(200);
        }
    }
}
