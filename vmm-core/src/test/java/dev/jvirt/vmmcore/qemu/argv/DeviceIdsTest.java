package dev.jvirt.vmmcore.qemu.argv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.domainxml.domain.Address;
import dev.jvirt.domainxml.domain.Disk;
import org.junit.jupiter.api.Test;

class DeviceIdsTest {

    @Test
    void targetIndexCountsLikeLibvirt() {
        assertThat(DeviceIds.targetIndex("vda", "x")).isZero();
        assertThat(DeviceIds.targetIndex("sdb", "x")).isEqualTo(1);
        assertThat(DeviceIds.targetIndex("hdz", "x")).isEqualTo(25);
        assertThat(DeviceIds.targetIndex("vdaa", "x")).isEqualTo(26);
        assertThat(DeviceIds.targetIndex("xvdb", "x")).isEqualTo(1);
    }

    @Test
    void targetNamesOtherThanLettersAreRefused() {
        assertThatThrownBy(() -> DeviceIds.targetIndex("vd,a", "disk 'vd,a'"))
                .isInstanceOf(CommandLineException.class).hasMessageContaining("disk 'vd,a'");
        assertThatThrownBy(() -> DeviceIds.targetIndex("nvme0", "d")).isInstanceOf(CommandLineException.class);
    }

    @Test
    void diskIdsFollowBusAndAddress() {
        assertThat(DeviceIds.disk(disk("vdc", "virtio", null))).isEqualTo("virtio-disk2");
        assertThat(DeviceIds.disk(disk("sdh", "sata", null))).isEqualTo("sata1-0-1");
        assertThat(DeviceIds.disk(disk("hdd", "ide", null))).isEqualTo("ide0-1-1");
        assertThat(DeviceIds.disk(disk("sdb", "scsi", new Address.Drive(1, 0, 2, 5)))).isEqualTo("scsi1-0-2-5");
        assertThat(DeviceIds.disk(disk("sdc", "usb", null))).isEqualTo("usb-disk2");
        assertThat(DeviceIds.net(3)).isEqualTo("net3");
        assertThat(DeviceIds.hostnet(3)).isEqualTo("hostnet3");
    }

    private static Disk disk(String dev, String bus, Address a) {
        return new Disk("file", "disk", null, new Disk.Source("/x.img", null, null, null, null, null), null,
                new Disk.Target(dev, bus, null, null), false, false, null, null, a);
    }
}
