package dev.jvirt.domainxml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.domainxml.domain.Address;
import dev.jvirt.domainxml.domain.Controller;
import dev.jvirt.domainxml.domain.Devices;
import dev.jvirt.domainxml.domain.Disk;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainDefaults;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.domainxml.domain.NetInterface;
import dev.jvirt.domainxml.network.Network;
import dev.jvirt.domainxml.network.NetworkDefaults;
import dev.jvirt.domainxml.network.NetworkXml;
import dev.jvirt.domainxml.pool.PoolDefaults;
import dev.jvirt.domainxml.pool.PoolXml;
import dev.jvirt.domainxml.volume.VolumeDefaults;
import dev.jvirt.domainxml.volume.VolumeXml;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefaultsTest {
    private static Domain fill(String devices, String machine) {
        String xml = "<domain type='kvm'><name>d</name><memory unit='MiB'>512</memory><os><type machine='" + machine
                + "'>hvm</type></os><devices>" + devices + "</devices></domain>";
        return DomainDefaults.fill(DomainXml.parse(xml, null), new Random(7));
    }

    @Test
    void uuidIsGeneratedOrNormalised() {
        Domain d = fill("", "pc");
        assertThat(d.uuid()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        Domain given = DomainDefaults.fill(DomainXml.parse(
                "<domain type='kvm'><name>d</name><uuid>4DEA22B31D52D8F32516782E98AB3FA0</uuid><memory>1</memory></domain>", null));
        assertThat(given.uuid()).isEqualTo("4dea22b3-1d52-d8f3-2516-782e98ab3fa0");
    }

    @Test
    void topLevelDefaultsMatchLibvirt() {
        Domain d = fill("", "pc");
        assertThat(d.currentMemoryKiB()).isEqualTo(524288L);
        assertThat(d.vcpu().count()).isEqualTo(1);
        assertThat(d.vcpu().placement()).isEqualTo("static");
        assertThat(d.os().arch()).isEqualTo("x86_64");
        assertThat(d.os().bootDevices()).containsExactly("hd");
        assertThat(d.clock().offset()).isEqualTo("utc");
        assertThat(List.of(d.onPoweroff(), d.onReboot(), d.onCrash())).containsExactly("destroy", "restart", "destroy");
        assertThat(d.devices().memballoon().model()).isEqualTo("virtio");
    }

    @Test
    void macsAreGeneratedUniqueAndGivenOnesKept() {
        StringBuilder nics = new StringBuilder("<interface type='user'><mac address='52:54:00:AA:BB:CC'/></interface>");
        for (int i = 0; i < 50; i++) {
            nics.append("<interface type='user'/>");
        }
        Domain d = fill(nics.toString(), "pc");
        Set<String> macs = new HashSet<>();
        for (NetInterface n : d.devices().interfaces()) {
            assertThat(n.mac()).matches("52:54:00(:[0-9a-f]{2}){3}");
            macs.add(n.mac());
        }
        assertThat(macs).hasSize(51).contains("52:54:00:aa:bb:cc");
        assertThat(d.devices().interfaces().get(1).model()).isEqualTo("rtl8139");
    }

    @Test
    void busComesFromTheTargetPrefix() {
        assertThat(DomainDefaults.busForTarget("vdb", null)).isEqualTo("virtio");
        assertThat(DomainDefaults.busForTarget("sda", null)).isEqualTo("scsi");
        assertThat(DomainDefaults.busForTarget("hdc", "cdrom")).isEqualTo("ide");
        assertThat(DomainDefaults.busForTarget("fda", null)).isEqualTo("fdc");
        assertThat(DomainDefaults.busForTarget("xyz", "floppy")).isEqualTo("fdc");
        assertThat(DomainDefaults.busForTarget("xyz", null)).isNull();
    }

    @Test
    void diskDefaultsAndDriveAddresses() {
        Domain d = fill("<disk type='file'><source file='/a'/><target dev='sdb'/></disk>"
                + "<disk type='file' device='cdrom'><target dev='hdc'/></disk>", "pc");
        Disk scsi = d.devices().disks().get(0);
        assertThat(scsi.target().bus()).isEqualTo("scsi");
        assertThat(scsi.driver().name()).isEqualTo("qemu");
        assertThat(scsi.driver().type()).isEqualTo("raw");
        assertThat(scsi.address()).isEqualTo(new Address.Drive(0, 0, 0, 1));
        Disk cd = d.devices().disks().get(1);
        assertThat(cd.readonly()).isTrue();
        assertThat(cd.address()).isEqualTo(new Address.Drive(0, 1, 0, 0));
        assertThat(d.devices().controllers()).extracting(Controller::type).contains("scsi", "ide", "pci", "usb");
    }

    @Test
    void pciAddressesFollowTheMachineLayout() {
        Domain pc = fill("<disk type='file'><source file='/a'/><target dev='vda'/></disk><video><model type='vga'/></video>", "pc");
        assertThat(pc.devices().videos().get(0).address()).isEqualTo(new Address.Pci(0, 0, 2, 0, null));
        assertThat(usb(pc).address()).isEqualTo(new Address.Pci(0, 0, 1, 2, null));
        assertThat(((Address.Pci) pc.devices().disks().get(0).address()).slot()).isGreaterThanOrEqualTo(3);
        Domain q35 = fill("<video><model type='virtio'/></video>", "q35");
        assertThat(q35.devices().videos().get(0).address()).isEqualTo(new Address.Pci(0, 0, 1, 0, null));
        Controller sata = q35.devices().controllers().stream().filter(c -> "sata".equals(c.type())).findFirst().orElseThrow();
        assertThat(sata.address()).isEqualTo(new Address.Pci(0, 0, 0x1f, 2, null));
    }

    @Test
    void givenAddressesAreKeptAndNeverReused() {
        Domain d = fill("<interface type='user'><address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/></interface>"
                + "<interface type='user'/>", "pc");
        assertThat(d.devices().interfaces().get(0).address()).isEqualTo(new Address.Pci(0, 0, 3, 0, null));
        assertThat(((Address.Pci) d.devices().interfaces().get(1).address()).slot()).isNotEqualTo(3);
    }

    @Test
    void addingADeviceLaterKeepsEveryOtherAddress() {
        Domain first = fill("<disk type='file'><source file='/a'/><target dev='vda'/></disk><interface type='user'/>", "q35");
        Devices.Builder b = first.devices().toBuilder();
        b.disks = new ArrayList<>(b.disks);
        b.disks.add(0, new Disk("file", null, null, new Disk.Source("/b", null, null, null, null, null), null,
                new Disk.Target("vdb", null, null, null), false, false, null, null, null));
        Domain second = DomainDefaults.fill(first.withDevices(b.build()), new Random(1));
        assertThat(second.devices().disks().get(1)).isEqualTo(first.devices().disks().get(0));
        assertThat(second.devices().interfaces()).isEqualTo(first.devices().interfaces());
        assertThat(second.devices().disks().get(0).address()).isNotNull();
    }

    @Test
    void fillingTwiceChangesNothing() {
        Domain once = fill("<disk type='file'><source file='/a'/><target dev='vda'/></disk><interface type='network'>"
                + "<source network='default'/></interface><channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/>"
                + "</channel><console type='pty'/><graphics type='vnc'/>", "q35");
        assertThat(DomainDefaults.fill(once, new Random(99))).isEqualTo(once);
    }

    @Test
    void consoleGetsASerialAndChannelsGetVirtioSerialPorts() {
        Domain d = fill("<console type='pty'/><channel type='unix'><target type='virtio' name='a'/></channel>"
                + "<channel type='unix'><target type='virtio' name='b'/></channel>", "pc");
        assertThat(d.devices().serials()).hasSize(1);
        assertThat(d.devices().serials().get(0).target().type()).isEqualTo("isa-serial");
        assertThat(d.devices().consoles().get(0).target().type()).isEqualTo("serial");
        assertThat(d.devices().channels()).extracting(c -> c.address())
                .containsExactly(new Address.VirtioSerial(0, 0, 1), new Address.VirtioSerial(0, 0, 2));
        assertThat(d.devices().controllers()).extracting(Controller::type).contains("virtio-serial");
        assertThat(d.devices().guestAgentChannel()).isNull();
    }

    @Test
    void graphicsBringInputAndVideo() {
        Domain d = fill("<graphics type='vnc'/>", "pc");
        assertThat(d.devices().inputs()).extracting(i -> i.type() + "/" + i.bus()).containsExactly("mouse/ps2", "keyboard/ps2");
        assertThat(d.devices().videos()).hasSize(1);
    }

    @Test
    void networkPoolVolumeDefaults() {
        Network n = NetworkDefaults.fill(NetworkXml.parse("<network><name>n</name><bridge name='virbr7'/></network>", null), new Random(3));
        assertThat(n.uuid()).isNotNull();
        assertThat(n.mac()).startsWith("52:54:00:");
        assertThat(n.bridge().stp()).isTrue();
        assertThat(n.bridge().delay()).isZero();
        Network hostBridge = NetworkDefaults.fill(NetworkXml.parse(
                "<network><name>h</name><forward mode='bridge'/><bridge name='br0'/></network>", null), new Random(3));
        assertThat(hostBridge.mac()).isNull();
        assertThat(PoolDefaults.fill(PoolXml.parse("<pool type='logical'><name>p</name><source><name>vg1</name></source></pool>", null))
                .targetPath()).isEqualTo("/dev/vg1");
        assertThat(VolumeDefaults.fill(VolumeXml.parse("<volume><name>v</name><capacity>1</capacity></volume>", null)).format())
                .isEqualTo("raw");
    }

    private static Controller usb(Domain d) {
        return d.devices().controllers().stream().filter(c -> "usb".equals(c.type())).findFirst().orElseThrow();
    }
}
