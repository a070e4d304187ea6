package dev.jvirt.domainxml.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.domainxml.DefinitionException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** libvirt's {@code <domainsnapshot>}: what snapshot-dumpxml writes reads back to the same record; bad input names where. */
class SnapshotXmlTest {
    private static final String DOMAIN = "<domain type='qemu'>\n  <name>web1</name>\n  <memory unit='KiB'>131072</memory>\n"
            + "  <os>\n    <type arch='x86_64' machine='pc'>hvm</type>\n  </os>\n</domain>\n";

    @Test
    void aSnapshotRoundTripsWithItsDomainInside() {
        DomainSnapshot s = new DomainSnapshot("s2", "after the upgrade", "disk-snapshot", 1_796_594_871L, "s1", "no",
                List.of(new DomainSnapshot.SnapshotDisk("vda", "external", "/var/lib/images/web1.s2", "qcow2")),
                DomainXml.parse(DOMAIN, null));
        String text = SnapshotXml.format(s);
        assertThat(text).startsWith("<domainsnapshot>\n  <name>s2</name>\n  <description>after the upgrade</description>\n"
                + "  <state>disk-snapshot</state>\n  <parent>\n    <name>s1</name>\n  </parent>\n"
                + "  <creationTime>1796594871</creationTime>\n  <memory snapshot='no'/>\n  <disks>\n"
                + "    <disk name='vda' snapshot='external' type='file'>\n      <driver type='qcow2'/>\n"
                + "      <source file='/var/lib/images/web1.s2'/>\n    </disk>\n  </disks>\n  <domain type='qemu'>\n"
                + "    <name>web1</name>\n");
        assertThat(text).endsWith("  </domain>\n</domainsnapshot>\n");
        DomainSnapshot back = SnapshotXml.parse(text, "s2.xml");
        assertThat(back.domain().name()).isEqualTo("web1");
        assertThat(back).usingRecursiveComparison().ignoringFields("domain").isEqualTo(s);
        assertThat(back.isExternal()).isTrue();
        assertThat(back.hasMemory()).isFalse();
    }

    @Test
    void aRequestNeedsLittleAndBadValuesAreRefusedWithTheirPlace() {
        DomainSnapshot req = SnapshotXml.parse("<domainsnapshot><name>s1</name><description>d</description></domainsnapshot>", null);
        assertThat(req.name()).isEqualTo("s1");
        assertThat(req.disks()).isEmpty();
        assertThatThrownBy(() -> SnapshotXml.parse("<domainsnapshot>\n  <state>sleeping</state>\n</domainsnapshot>", "x.xml"))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("x.xml:2").hasMessageContaining("unknown snapshot state 'sleeping'");
        assertThatThrownBy(() -> SnapshotXml.parse("<domainsnapshot><nmae>s1</nmae></domainsnapshot>", "x.xml"))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("nmae");
        assertThatThrownBy(() -> SnapshotXml.parse("<domainsnapshot><name>a/b</name></domainsnapshot>", null))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("no '/'");
    }
}
