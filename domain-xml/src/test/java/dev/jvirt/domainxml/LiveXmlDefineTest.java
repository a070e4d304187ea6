package dev.jvirt.domainxml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainXml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code virsh dumpxml} of running guests, recorded from libvirt 9.0 running the tiny guest under
 * TCG in a private session (resources {@code livexml/}): each defines unchanged, and what is only
 * runtime state ({@code id=}, aliases, source indexes, pty paths) is not kept.
 */
class LiveXmlDefineTest {

    @ParameterizedTest
    @ValueSource(strings = {"tiny-serial.live.xml", "tiny-disk-nic.live.xml", "tiny-ich9-ehci1.live.xml"})
    void libvirtsLiveXmlDefinesUnchanged(String file) throws IOException {
        String xml = resource(file);
        Domain d = DomainXml.load(xml, file);
        String text = DomainXml.format(d);
        assertThat(DomainXml.load(text, "again.xml")).isEqualTo(d);
        assertThat(text).startsWith("<domain type='qemu'>\n").doesNotContain("<alias").doesNotContain("index='1'");
    }

    @Test
    void systemLiveXmlsResourcePartitionAndSeclabelDefine() {
        String xml = "<domain type='qemu' id='7'>\n  <name>n</name>\n  <memory unit='KiB'>131072</memory>\n"
                + "  <resource>\n    <partition>/machine</partition>\n  </resource>\n  <os>\n    <type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type>\n  </os>\n"
                + "  <devices>\n    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n  </devices>\n"
                + "  <seclabel type='dynamic' model='dac' relabel='yes'>\n    <label>+64055:+994</label>\n"
                + "    <imagelabel>+64055:+994</imagelabel>\n  </seclabel>\n</domain>\n";
        String text = DomainXml.format(DomainXml.load(xml, "system.xml"));
        assertThat(text).contains("<partition>/machine</partition>").doesNotContain("+64055");
    }

    @Test
    void formatLiveWritesTheIdAndTheAliasesBeforeEachAddressAndParseDropsThem() throws IOException {
        Domain d = DomainXml.load(resource("tiny-disk-nic.live.xml"), "live.xml");
        java.util.Map<Object, String> aliases = new java.util.IdentityHashMap<>();
        aliases.put(d.devices().disks().get(0), "virtio-disk0");
        aliases.put(d.devices().interfaces().get(0), "net0");
        aliases.put(d.devices().memballoon(), "balloon0");
        String live = DomainXml.formatLive(d, 5, aliases::get);
        assertThat(live).startsWith("<domain type='qemu' id='5'>\n")
                .contains("      <target dev='vda' bus='virtio'/>\n      <alias name='virtio-disk0'/>\n"
                        + "      <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>\n")
                .contains("      <model type='virtio'/>\n      <alias name='net0'/>\n")
                .contains("    <memballoon model='virtio'>\n      <alias name='balloon0'/>\n");
        assertThat(DomainXml.load(live, "again.xml")).isEqualTo(d);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LiveXmlDefineTest.class.getResourceAsStream("/livexml/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
