package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.storage.Preallocation;
import dev.jvirt.storage.VolumeBusyException;
import dev.jvirt.storage.VolumeRef;
import dev.jvirt.storage.VolumeSpec;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.vmmcore.host.HostBackends;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Guests on storage-pools volumes through jvirtd's adapter ({@link HostStorage}): a guest booted
 * from a linked clone writes into its overlay and leaves the base as it was; a volume a guest
 * uses is refused for delete; a disk hot-plugged into the running tiny guest appears as
 * /sys/block/vdb and goes again when detached. Real qemu-img, QEMU under TCG.
 */
@ExtendWith(TinyGuestExtension.class)
class StorageVolumesIT {
    @AutoClose
    private final TestHost host = new TestHost();
    @AutoClose
    private final HostStorage storage = HostStorage.open(host.dirs);

    private Hypervisor open() {
        return open(HypervisorConfig.of(host.dirs));
    }

    private Hypervisor open(HypervisorConfig config) {
        Hypervisor hv = host.open(config.withBackends(HostBackends.none().withStorage(storage.backend())));
        storage.attach(hv);
        return hv;
    }

    private static String onVolume(TinyGuest guest, String name, String volume) {
        String xml = TestDomains.tiny(guest, name, "qemu", TestDomains.CMDLINE, Path.of("/unused.qcow2"));
        return xml.replace("<disk type='file' device='disk'>\n      <driver name='qemu' type='qcow2'/>\n"
                + "      <source file='/unused.qcow2'/>", "<disk type='volume' device='disk'>\n"
                + "      <driver name='qemu' type='qcow2'/>\n      <source pool='default' volume='" + volume + "'/>");
    }

    @Test
    void aGuestOnALinkedCloneWritesItsOverlayAndLeavesTheBaseAlone(TinyGuest guest) throws Exception {
        Hypervisor hv = open();
        VolumeRef base = storage.pools().volumes().create("default", VolumeSpec.of("base.qcow2", "qcow2", 16L << 20, Preallocation.OFF));
        Path basePath = storage.pools().volumes().path(base);
        run("qemu-io", "-f", "qcow2", "-c", "write -P 0x42 1M 64k", basePath.toString());
        String baseSum = sha256(basePath);
        VolumeRef clone = storage.pools().volumes().create("default", VolumeSpec.linkedClone("web1.qcow2", base, "qcow2", -1));
        Path clonePath = storage.pools().volumes().path(clone);
        hv.define(onVolume(guest, "web1", "web1.qcow2"));

        // defined, not running: the volume is named by a definition, so a plain delete is refused
        assertThatThrownBy(() -> storage.deleteVolume(clone, false)).isInstanceOf(VolumeBusyException.class)
                .hasMessageContaining("used by domain 'web1'").hasMessageContaining("--force");

        hv.start("web1");
        assertThat(hv.xml("web1", false)).contains("pool='default'").contains("volume='web1.qcow2'");
        GuestShell sh = new GuestShell(hv.console("web1").orElseThrow());
        try {
            sh.await(TinyGuest.READY_MARKER);
            sh.run("printf JVIRT-OVERLAY-WRITE | dd of=/dev/vda bs=512 conv=fsync 2>/dev/null; sync; echo WROTE-$((6*7))", "WROTE-42");
            // running: refused by the definition check, and the guest's lease refuses writes to it
            assertThatThrownBy(() -> storage.deleteVolume(clone, false)).isInstanceOf(VolumeBusyException.class);
            assertThatThrownBy(() -> storage.deleteVolume(clone, true)).as("forced, still refused: the guest runs on it")
                    .isInstanceOf(VolumeBusyException.class).hasMessageContaining("running domain 'web1'")
                    .hasMessageContaining("also with --force");
            assertThat(clonePath).exists();
            assertThatThrownBy(() -> storage.pools().volumes().resize(clone, 32L << 20, false))
                    .isInstanceOf(VolumeBusyException.class).hasMessageContaining("in use by guest 'web1'");
            // the guest runs from its initramfs: its vda can go, and the start's lease with it
            assertThat(hv.devices().detachDisk("web1", "vda", true, false)).isTrue();
            assertThat(storage.pools().volumes().info(clone).holder()).as("a detach gives the start's lease back").isNull();
        } finally {
            sh.close();
        }
        hv.destroy("web1");

        assertThat(sha256(basePath)).as("the base image is unchanged").isEqualTo(baseSum);
        Path flat = host.root.resolve("web1.raw");
        run("qemu-img", "convert", "-O", "raw", clonePath.toString(), flat.toString());
        byte[] head = new byte[19];
        byte[] atOneMiB = new byte[4];
        try (var ch = java.nio.channels.FileChannel.open(flat)) {
            ch.read(java.nio.ByteBuffer.wrap(head), 0);
            ch.read(java.nio.ByteBuffer.wrap(atOneMiB), 1L << 20);
        }
        assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("JVIRT-OVERLAY-WRITE");
        assertThat(atOneMiB).as("the base's data shows through the overlay").containsOnly(0x42);
        assertThat(storage.pools().volumes().info(clone).backingChain()).extracting(b -> b.path()).containsExactly(basePath.toString());
        // stopped: the lease is gone, and with --force the delete goes through, naming the domain
        assertThat(storage.deleteVolume(clone, true)).containsExactly("web1");
        assertThat(clonePath).doesNotExist();
    }

    @Test
    void aDiskHotPluggedIntoTheRunningGuestShowsUpAndGoesAgain(TinyGuest guest) throws Exception {
        Hypervisor hv = open();
        Path vda = guest.newDisk("hot-vda");
        hv.define(TestDomains.tiny(guest, "hot", "qemu", TestDomains.CMDLINE, vda));
        VolumeRef extra = storage.pools().volumes().create("default", VolumeSpec.of("extra.qcow2", "qcow2", 8L << 20, Preallocation.OFF));
        hv.start("hot");
        GuestShell sh = new GuestShell(hv.console("hot").orElseThrow());
        try {
            sh.await(TinyGuest.READY_MARKER);
            assertThat(sh.run("ls /sys/block; echo LS1-$((1+1))", "LS1-2")).doesNotContain("vdb");

            hv.devices().attachDisk("hot", "<disk type='volume' device='disk'><driver name='qemu' type='qcow2'/>"
                    + "<source pool='default' volume='extra.qcow2'/><target dev='vdb' bus='virtio'/></disk>", true, false);
            assertThat(hv.definition("hot", false).devices().disks()).extracting(d -> d.target().dev()).containsExactly("vda", "vdb");
            assertThat(storage.pools().volumes().info(extra).holder()).isEqualTo("in use by guest 'hot'");
            sh.poll("ls /sys/block", "vdb");
            assertThat(hv.definition("hot", true).devices().disks()).as("--live only: the stored definition keeps one disk").hasSize(1);

            assertThat(hv.devices().detachDisk("hot", "vdb", true, false)).as("the guest let go of it").isTrue();
            sh.pollGone("ls /sys/block", "vdb");
            assertThat(hv.definition("hot", false).devices().disks()).extracting(d -> d.target().dev()).containsExactly("vda");
            assertThat(storage.pools().volumes().info(extra).holder()).as("the lease went with the disk").isNull();
            storage.deleteVolume(extra, false);
        } finally {
            sh.close();
        }
        hv.destroy("hot");
    }

    @Test
    void aGuestThatLetsGoAfterTheDetachAnsweredLosesTheDiskFromItsLiveDefinitionThen(TinyGuest guest) throws Exception {
        // no wait at all: the detach answers before the guest's ACPI unplug can finish
        Hypervisor hv = open(HypervisorConfig.of(host.dirs).withUnplugWait(Duration.ZERO));
        hv.define(TestDomains.tiny(guest, "late", "qemu", TestDomains.CMDLINE, guest.newDisk("late-vda")));
        VolumeRef extra = storage.pools().volumes().create("default", VolumeSpec.of("late.qcow2", "qcow2", 8L << 20, Preallocation.OFF));
        hv.start("late");
        GuestShell sh = new GuestShell(hv.console("late").orElseThrow());
        try {
            sh.await(TinyGuest.READY_MARKER);
            hv.devices().attachDisk("late", "<disk type='volume' device='disk'><driver name='qemu' type='qcow2'/>"
                    + "<source pool='default' volume='late.qcow2'/><target dev='vdb' bus='virtio'/></disk>", true, false);
            sh.poll("ls /sys/block", "vdb");

            assertThat(hv.devices().detachDisk("late", "vdb", true, false)).as("answered before the guest let go").isFalse();
            sh.pollGone("ls /sys/block", "vdb");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (hv.definition("late", false).devices().disks().size() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(hv.definition("late", false).devices().disks()).as("the late DEVICE_DELETED updated the live XML")
                    .extracting(d -> d.target().dev()).containsExactly("vda");
            assertThat(storage.pools().volumes().info(extra).holder()).as("and gave the lease back").isNull();
            // the node went too: the same target can be plugged again
            hv.devices().attachDisk("late", "<disk type='volume' device='disk'><driver name='qemu' type='qcow2'/>"
                    + "<source pool='default' volume='late.qcow2'/><target dev='vdb' bus='virtio'/></disk>", true, false);
            sh.poll("ls /sys/block", "vdb");
        } finally {
            sh.close();
        }
        hv.destroy("late");
    }

    @Test
    void aJvirtdThatTakesOverARunningGuestLeasesItsVolumeAgain(TinyGuest guest) throws Exception {
        Hypervisor first = open();
        VolumeRef v = storage.pools().volumes().create("default", VolumeSpec.of("kept.qcow2", "qcow2", 16L << 20, Preallocation.OFF));
        first.define(onVolume(guest, "kept", "kept.qcow2"));
        first.start("kept");
        first.close(); // as jvirtd stopping: the guest keeps running

        try (HostStorage again = HostStorage.open(host.dirs)) {
            Hypervisor second = host.open(HypervisorConfig.of(host.dirs).withBackends(HostBackends.none().withStorage(again.backend())));
            again.attach(second);
            assertThat(second.info("kept").pid()).isPresent();
            assertThat(again.pools().volumes().info(v).holder()).isEqualTo("in use by guest 'kept'");
            assertThatThrownBy(() -> again.pools().volumes().resize(v, 32L << 20, false)).isInstanceOf(VolumeBusyException.class);
            second.destroy("kept");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (again.pools().volumes().info(v).holder() != null && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(again.pools().volumes().info(v).holder()).as("the lease goes when the guest stops").isNull();
            again.pools().volumes().resize(v, 32L << 20, false);
        }
    }

    private static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", argv) + ": " + out).isZero();
    }

    private static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(Files.readAllBytes(p));
        return HexFormat.of().formatHex(md.digest());
    }
}
