package dev.jvirt.domainxml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainXml;
import org.junit.jupiter.api.Test;

/** What real definitions carry beyond the modelled elements: comments, namespaces, live-XML state, kept extensions. */
class RealWorldXmlTest {
    private static String roundTrip(String xml) {
        Domain d = DomainXml.parse(xml, "t.xml");
        String text = DomainXml.format(d);
        assertThat(DomainXml.parse(text, "again.xml")).isEqualTo(d);
        return text;
    }

    @Test
    void commentsBeforeTheRootAreKeptVerbatim() {
        String xml = "<!--\nWARNING: THIS IS AN AUTO-GENERATED FILE.\n-->\n<!-- second -->\n<domain type='kvm'>\n  <name>n</name>\n"
                + "  <!-- inside: accepted, not kept -->\n</domain>\n";
        String text = roundTrip(xml);
        assertThat(text).startsWith("<!--\nWARNING: THIS IS AN AUTO-GENERATED FILE.\n-->\n<!-- second -->\n<domain type='kvm'>\n");
        assertThat(text).doesNotContain("inside");
    }

    @Test
    void metadataUsingAPrefixDeclaredOnTheRootStaysWellFormed() {
        String text = roundTrip("<domain type='kvm' xmlns:app='urn:example:app'>\n  <name>n</name>\n  <metadata>\n"
                + "    <app:info app:owner='ops'><app:tier>web</app:tier></app:info>\n  </metadata>\n</domain>\n");
        assertThat(text).contains("<app:info xmlns:app=\"urn:example:app\" app:owner=\"ops\">");
    }

    @Test
    void qemuCommandlineIsReadUnderAnyPrefixAndWrittenWithLibvirtsOwn() {
        String ns = "http://libvirt.org/schemas/domain/qemu/1.0";
        String text = roundTrip("<domain type='kvm' xmlns:q='" + ns + "'>\n  <name>n</name>\n  <q:commandline>\n"
                + "    <q:arg value='-device'/>\n    <q:arg value='pvpanic'/>\n    <q:env name='A' value='b'/>\n  </q:commandline>\n</domain>\n");
        assertThat(text).startsWith("<domain type='kvm' xmlns:qemu='" + ns + "'>")
                .contains("  <qemu:commandline>\n    <qemu:arg value='-device'/>\n    <qemu:arg value='pvpanic'/>\n"
                        + "    <qemu:env name='A' value='b'/>\n  </qemu:commandline>\n");
        // virt-install declares the namespace on the element itself
        Domain vi = DomainXml.parse("<domain type='kvm'>\n  <name>n</name>\n  <qemu:commandline xmlns:qemu='" + ns + "'>\n"
                + "    <qemu:arg value='-S'/>\n  </qemu:commandline>\n</domain>\n", "vi.xml");
        assertThat(vi.qemuCommandline().args()).containsExactly("-S");
    }

    @Test
    void schemaElementsJvirtDoesNotInterpretAreKeptAndTheirRuntimeAliasesDropped() {
        String text = roundTrip("<domain type='kvm'>\n  <name>n</name>\n  <keywrap>\n    <cipher name='aes' state='on'/>\n  </keywrap>\n"
                + "  <devices>\n    <hub type='usb'>\n      <alias name='hub0'/>\n    </hub>\n"
                + "    <hostdev mode='subsystem' type='pci' managed='yes'>\n      <alias name='ua-gpu'/>\n"
                + "      <source>\n        <address domain='0x0000' bus='0x06' slot='0x00' function='0x0'/>\n      </source>\n"
                + "    </hostdev>\n  </devices>\n</domain>\n");
        assertThat(text).contains("  <keywrap>\n    <cipher name='aes' state='on'/>\n  </keywrap>\n")
                .contains("    <hub type='usb'/>\n")
                .contains("<alias name='ua-gpu'/>")
                .doesNotContain("hub0");
    }

    @Test
    void liveXmlRuntimeStateIsAcceptedAndNotKept() {
        String text = roundTrip("<domain type='qemu' id='3'>\n  <name>n</name>\n  <devices>\n"
                + "    <disk type='file' device='disk'>\n      <source file='/d.img' index='2'/>\n      <target dev='vda' bus='virtio'/>\n"
                + "      <alias name='virtio-disk0'/>\n    </disk>\n    <interface type='user'>\n      <alias name='net0'/>\n    </interface>\n"
                + "    <interface type='network'>\n      <source network='default' portid='0b6e2f4c-2f1e-4a4b-9e0a-3f1d2c3b4a59' bridge='virbr0'/>\n"
                + "      <target dev='vnet3'/>\n    </interface>\n"
                + "  </devices>\n  <seclabel type='dynamic' model='dac' relabel='yes'>\n    <label>+64055:+994</label>\n"
                + "    <imagelabel>+64055:+994</imagelabel>\n  </seclabel>\n  <seclabel type='static' model='selinux' relabel='no'>\n"
                + "    <label>system_u:system_r:svirt_t:s0:c1,c2</label>\n  </seclabel>\n</domain>\n");
        assertThat(text).doesNotContain("id='3'").doesNotContain("index=").doesNotContain("alias").doesNotContain("+64055")
                .doesNotContain("portid").doesNotContain("virbr0").contains("<source network='default'/>")
                .contains("  <seclabel type='dynamic' model='dac' relabel='yes'/>\n")
                .contains("<label>system_u:system_r:svirt_t:s0:c1,c2</label>");
    }
}
