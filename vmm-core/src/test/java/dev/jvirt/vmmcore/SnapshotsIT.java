package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Snapshots of the tiny guest under TCG on its qcow2 disk: data written in the guest, a snapshot,
 * the data overwritten, a revert, and the data is back — internal with memory (QMP snapshot-save /
 * snapshot-load: the shell's variables come back too), internal disk-only of the shut-off domain
 * (qemu-img snapshot), and external disk-only (an overlay by blockdev-snapshot, committed back into
 * the image by block-commit when the snapshot is deleted). Metadata survives a new Hypervisor.
 */
@ExtendWith(TinyGuestExtension.class)
class SnapshotsIT {
    @AutoClose
    private final TestHost host = new TestHost();

    @Test
    void anInternalSnapshotWithMemoryBringsBackTheDiskAndTheShell(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open();
        hv.define(TestDomains.tiny(guest, "sn1"));
        hv.start("sn1");
        try (GuestShell sh = new GuestShell(hv.console("sn1").orElseThrow())) {
            sh.await(TinyGuest.READY_MARKER);
            sh.run("KEPT=before; printf JVIRT-SNAP-ONE | dd of=/dev/vda bs=512 conv=fsync 2>/dev/null; echo W1-$((1+1))", "W1-2");
        }
        SnapshotInfo s1 = hv.snapshots().createAs("sn1", "s1", "first one", false, false, Map.of());
        assertThat(s1).extracting(SnapshotInfo::state, SnapshotInfo::location, SnapshotInfo::current, SnapshotInfo::parent)
                .containsExactly("running", "internal", true, null);
        assertThat(hv.state("sn1").describe()).isEqualTo("running (booted)");
        try (GuestShell sh = new GuestShell(hv.console("sn1").orElseThrow())) {
            sh.run("KEPT=after; printf JVIRT-SNAP-TWO | dd of=/dev/vda bs=512 conv=fsync 2>/dev/null; echo W2-$((2+2))", "W2-4");
        }
        SnapshotInfo s2 = hv.snapshots().createAs("sn1", "s2", null, false, false, Map.of());
        assertThat(s2.parent()).isEqualTo("s1");
        assertThat(hv.snapshots().info("sn1", "s1")).extracting(SnapshotInfo::children, SnapshotInfo::current).containsExactly(1, false);

        hv.snapshots().revert("sn1", "s1", null);
        assertThat(hv.state("sn1").describe()).isEqualTo("running (from snapshot)");
        assertThat(hv.snapshots().current("sn1")).contains("s1");
        try (GuestShell sh = new GuestShell(hv.console("sn1").orElseThrow())) {
            sh.run("echo V-$KEPT-$((1+2)); dd if=/dev/vda bs=14 count=1 2>/dev/null; echo; echo R-$((3+3))", "R-6");
            String got = sh.run("echo V-$KEPT-$((1+2)); dd if=/dev/vda bs=14 count=1 2>/dev/null | tr -d '\\n'; echo :D-$((5+5))", "D-10");
            assertThat(got).contains("V-before-3").contains("JVIRT-SNAP-ONE:D-10");
        }
        assertThat(hv.snapshots().xml("sn1", "s1")).contains("<name>s1</name>").contains("<description>first one</description>")
                .contains("<state>running</state>").contains("<memory snapshot='internal'/>").contains("<disk name='vda' snapshot='internal'/>")
                .contains("<name>sn1</name>");

        hv.close(); // the metadata is on disk: a new Hypervisor (a restarted jvirtd) sees it
        Hypervisor again = host.open();
        assertThat(again.snapshots().list("sn1")).extracting(SnapshotInfo::name).containsExactly("s1", "s2");
        again.snapshots().delete("sn1", "s1", true, false, false);
        assertThat(again.snapshots().list("sn1")).isEmpty();
        assertThat(again.snapshots().current("sn1")).isEmpty();
        assertThat(hv.state("sn1").isActive()).isTrue();
        assertThatThrownBy(() -> again.snapshots().revert("sn1", "s1", null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("no domain snapshot with matching name 's1'");
        again.destroy("sn1");
        assertThat(qemuImg("snapshot", "-l", disk(again, "sn1"))).doesNotContain("s1").doesNotContain("s2");
    }

    @Test
    void externalDiskOnlyCommitsBackOnDeleteAndInternalOfflineReverts(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open();
        hv.define(TestDomains.tiny(guest, "sn2"));
        String base = disk(hv, "sn2");
        hv.start("sn2");
        try (GuestShell sh = new GuestShell(hv.console("sn2").orElseThrow())) {
            sh.await(TinyGuest.READY_MARKER);
            sh.run("printf JVIRT-EXT-BASE | dd of=/dev/vda bs=512 conv=fsync 2>/dev/null; echo W1-$((1+1))", "W1-2");
            SnapshotInfo e1 = hv.snapshots().createAs("sn2", "e1", null, true, false, Map.of());
            assertThat(e1).extracting(SnapshotInfo::state, SnapshotInfo::location).containsExactly("disk-snapshot", "external");
            Path overlay = Path.of(base).resolveSibling("sn2-vda.e1");
            assertThat(overlay).isRegularFile();
            assertThat(disk(hv, "sn2")).isEqualTo(overlay.toString());
            assertThat(hv.definition("sn2", true).devices().disks().get(0).source().file()).isEqualTo(overlay.toString());
            sh.run("printf JVIRT-EXT-OVER | dd of=/dev/vda bs=512 conv=fsync 2>/dev/null; echo W2-$((2+2))", "W2-4");
            assertThatThrownBy(() -> hv.snapshots().revert("sn2", "e1", null)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("not supported");

            hv.snapshots().delete("sn2", "e1", false, false, false);
            assertThat(overlay).doesNotExist();
            assertThat(disk(hv, "sn2")).isEqualTo(base);
            assertThat(hv.definition("sn2", true).devices().disks().get(0).source().file()).isEqualTo(base);
            String got = sh.run("dd if=/dev/vda bs=14 count=1 iflag=direct 2>/dev/null | tr -d '\\n'; echo :D-$((5+5))", "D-10");
            assertThat(got).contains("JVIRT-EXT-OVER:D-10");
        }
        hv.destroy("sn2");
        assertThat(qemuIo(base)).as("the overlay's writes were committed into the image").contains("JVIRT.EXT.OVER");

        SnapshotInfo off = hv.snapshots().createAs("sn2", "off1", null, false, false, Map.of());
        assertThat(off.state()).isEqualTo("shutoff");
        assertThat(qemuImg("snapshot", "-l", base)).contains("off1");
        run(List.of("qemu-io", "-f", "qcow2", "-c", "write -P 0x41 0 512", base));
        assertThat(qemuIo(base)).doesNotContain("JVIRT.EXT.OVER");
        hv.snapshots().revert("sn2", "off1", null);
        assertThat(hv.state("sn2").isActive()).isFalse();
        assertThat(qemuIo(base)).contains("JVIRT.EXT.OVER");
        assertThatThrownBy(() -> hv.undefine("sn2")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("cannot undefine domain 'sn2' with 1 snapshot");
        hv.snapshots().delete("sn2", "off1", false, false, false);
        assertThat(qemuImg("snapshot", "-l", base)).doesNotContain("off1");

        SnapshotInfo e2 = hv.snapshots().createAs("sn2", "e2", null, true, false, Map.of()); // external while shut off
        assertThat(e2).extracting(SnapshotInfo::state, SnapshotInfo::location).containsExactly("shutoff", "external");
        Path offOverlay = Path.of(base).resolveSibling("sn2-vda.e2");
        assertThat(disk(hv, "sn2")).isEqualTo(offOverlay.toString());
        run(List.of("qemu-io", "-f", "qcow2", "-c", "write -P 0x42 0 512", offOverlay.toString()));
        hv.snapshots().delete("sn2", "e2", false, false, false);
        assertThat(offOverlay).doesNotExist();
        assertThat(disk(hv, "sn2")).isEqualTo(base);
        assertThat(qemuIo(base)).as("qemu-img commit put the overlay's data into the image").contains("42 42 42 42");
        hv.undefine("sn2");
    }

    private static String disk(Hypervisor hv, String domain) {
        return hv.definition(domain, false).devices().disks().get(0).source().file();
    }

    private static String qemuIo(String image) throws Exception {
        return run(List.of("qemu-io", "-f", "qcow2", "-r", "-c", "read -v 0 16", image));
    }

    private static String qemuImg(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("qemu-img"));
        argv.addAll(List.of(args));
        return run(argv);
    }

    private static String run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(argv + ": " + out).isZero();
        return out;
    }
}
