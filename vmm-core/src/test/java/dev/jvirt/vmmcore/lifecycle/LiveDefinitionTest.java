package dev.jvirt.vmmcore.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.domainxml.domain.Seclabel;
import dev.jvirt.vmmcore.HostCapabilities;
import dev.jvirt.vmmcore.qemu.argv.LaunchOptions;
import dev.jvirt.vmmcore.qemu.argv.NetBackend;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A running guest's definition as libvirt's live XML has it, from the definition and the argv that runs it. */
class LiveDefinitionTest {
    private static final HostCapabilities CAPS = new HostCapabilities("/usr/bin/qemu-system-x86_64", "7.2.22",
            Set.of("pc", "pc-i440fx-7.2"), Map.of("pc", "pc-i440fx-7.2"), Set.of(), HostCapabilities.KvmSupport.yes());
    private static final Domain DEF = DomainXml.load("<domain type='qemu'><name>n</name><memory unit='MiB'>64</memory>"
            + "<os><type arch='x86_64' machine='pc'>hvm</type></os></domain>", "n.xml");

    @Test
    void theMachineAliasIsResolvedAndTheEmulatorFilled() {
        Domain live = LiveDefinition.of(DEF, CAPS, List.of("/usr/bin/qemu-system-x86_64", "-name", "guest=n"),
                LaunchOptions.defaults());
        assertThat(live.os().machine()).isEqualTo("pc-i440fx-7.2");
        assertThat(live.devices().emulator()).isEqualTo("/usr/bin/qemu-system-x86_64");
        assertThat(live.seclabels()).isEmpty();
        assertThat(DEF.os().machine()).isEqualTo("pc");
    }

    @Test
    void aNicsTapIsItsTargetDev() {
        Domain def = DomainXml.load("<domain type='qemu'><name>n</name><memory unit='MiB'>64</memory>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices><interface type='bridge'>"
                + "<source bridge='br0'/></interface><interface type='user'/></devices></domain>", "n.xml");
        Domain live = LiveDefinition.of(def, CAPS, List.of("/usr/bin/qemu-system-x86_64"),
                LaunchOptions.defaults().withNetBackend("net0", new NetBackend.TapName("vnet7")));
        assertThat(live.devices().interfaces()).extracting(n -> n.targetDev()).containsExactly("vnet7", null);
    }

    @Test
    void aQemuRunningAsAnotherUserHasLibvirtsDacLabelWithItsIds() {
        Domain live = LiveDefinition.of(DEF, CAPS, List.of("/usr/bin/qemu-system-x86_64", "-runas", "root"),
                LaunchOptions.defaults());
        assertThat(live.seclabels()).containsExactly(new Seclabel("dynamic", "dac", true, "+0:+0", "+0:+0", null));
        assertThat(DomainXml.format(live)).contains("  <seclabel type='dynamic' model='dac' relabel='yes'>\n"
                + "    <label>+0:+0</label>\n    <imagelabel>+0:+0</imagelabel>\n  </seclabel>\n");
    }
}
