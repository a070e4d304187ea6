package dev.jvirt.vmmcore.qemu.argv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The differential's reading of a command line: shell words, references resolved, run-only names dropped. */
class ArgvFactsTest {

    @Test
    void readsVirshQuotingAndSkipsTheEnvironment() {
        assertThat(ArgvFacts.splitShell("LC_ALL=C HOME=/x /usr/bin/qemu-system-x86_64 -smbios 'type=1,manufacturer=Example Corp' -x 'it'\\''s'"))
                .containsExactly("/usr/bin/qemu-system-x86_64", "-smbios", "type=1,manufacturer=Example Corp", "-x", "it's");
    }

    @Test
    void devicesAreComparedWithWhatTheirNamesPointAt() {
        List<String> a = List.of("/usr/bin/qemu-system-x86_64",
                "-blockdev", "{\"driver\":\"file\",\"filename\":\"/d.img\",\"node-name\":\"libvirt-1-storage\"}",
                "-blockdev", "{\"node-name\":\"libvirt-1-format\",\"driver\":\"raw\",\"file\":\"libvirt-1-storage\"}",
                "-device", "{\"driver\":\"virtio-blk-pci\",\"drive\":\"libvirt-1-format\",\"id\":\"virtio-disk0\",\"bus\":\"pci.4\",\"addr\":\"0x0\"}",
                "-netdev", "{\"type\":\"tap\",\"fd\":\"23\",\"id\":\"hostnet0\"}",
                "-device", "{\"driver\":\"e1000e\",\"netdev\":\"hostnet0\",\"id\":\"net0\",\"mac\":\"52:54:00:00:00:01\"}",
                "-no-hpet", "-machine", "pc-q35-7.2,usb=off", "-pidfile", "/run/x.pid");
        List<String> b = List.of("/usr/bin/qemu-system-x86_64",
                "-machine", "pc-q35-7.2,usb=off,hpet=off",
                "-blockdev", "{\"driver\":\"file\",\"filename\":\"/d.img\",\"node-name\":\"virtio-disk0-storage\"}",
                "-blockdev", "{\"node-name\":\"virtio-disk0-format\",\"driver\":\"raw\",\"file\":\"virtio-disk0-storage\"}",
                "-device", "{\"driver\":\"virtio-blk-pci\",\"bus\":\"pci.4\",\"addr\":\"0x0\",\"drive\":\"virtio-disk0-format\",\"id\":\"d\"}",
                "-netdev", "{\"type\":\"tap\",\"fd\":\"30\",\"id\":\"hostnet0\"}",
                "-device", "{\"driver\":\"e1000e\",\"netdev\":\"hostnet0\",\"id\":\"net0\",\"mac\":\"52:54:00:00:00:01\"}");
        Map<String, String> fa = ArgvFacts.of(a);
        assertThat(fa).isEqualTo(ArgvFacts.of(b));
        assertThat(fa.get("device virtio-blk-pci #1")).contains("\"filename\":\"/d.img\"").doesNotContain("node-name");
        List<String> otherMac = b.stream().map(s -> s.replace("00:01", "00:02")).toList();
        assertThat(ArgvFacts.of(otherMac)).isNotEqualTo(fa);
    }
}
