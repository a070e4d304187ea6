package dev.jvirt.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.domainxml.volume.VolumeXml;
import org.junit.jupiter.api.Test;

/** Names, sizes, algorithms and volume definitions as callers give them. */
class RequestsTest {
    @Test
    void volumeNames() {
        assertThat(VolumeNames.check("disk-1.qcow2")).isEqualTo("disk-1.qcow2");
        assertThat(VolumeNames.problem("../x")).contains("path separator");
        assertThat(VolumeNames.problem("/etc/x")).contains("absolute path");
        assertThat(VolumeNames.problem("-o")).contains("start with '-'");
        assertThat(VolumeNames.problem("..")).contains("'..'");
        assertThat(VolumeNames.problem(".x")).contains("reserved");
        assertThat(VolumeNames.problem("a\nb")).contains("control");
        assertThat(VolumeNames.problem("")).contains("empty");
        assertThatThrownBy(() -> VolumeNames.check("a/b")).isInstanceOf(InvalidStorageRequestException.class)
                .hasMessage("invalid volume name 'a/b': it must not contain a path separator");
    }

    @Test
    void capacities() {
        assertThat(Capacity.parse("1000")).isEqualTo(1000);
        assertThat(Capacity.parse("10G")).isEqualTo(10L << 30);
        assertThat(Capacity.parse("512MiB")).isEqualTo(512L << 20);
        assertThat(Capacity.parse("1KB")).isEqualTo(1000);
        assertThat(Capacity.parse("2", "GiB")).isEqualTo(2L << 30);
        assertThatThrownBy(() -> Capacity.parse("10X")).hasMessageContaining("unknown unit 'X'");
        assertThatThrownBy(() -> Capacity.parse("-1")).hasMessageContaining("invalid size");
        assertThatThrownBy(() -> Capacity.parse("99999999999E")).hasMessageContaining("too large");
    }

    @Test
    void wipeAlgorithms() {
        assertThat(WipeAlgorithm.parse(null)).isEqualTo(WipeAlgorithm.ZERO);
        assertThat(WipeAlgorithm.parse("random")).isEqualTo(WipeAlgorithm.RANDOM);
        assertThat(WipeAlgorithm.parse("trim")).isEqualTo(WipeAlgorithm.TRIM);
        assertThatThrownBy(() -> WipeAlgorithm.parse("dod")).hasMessageContaining("multi-pass");
        assertThatThrownBy(() -> WipeAlgorithm.parse("zeros")).hasMessageContaining("unknown wipe algorithm");
        assertThat(Preallocation.parse("metadata")).isEqualTo(Preallocation.METADATA);
    }

    @Test
    void specFromAVolumeDefinition() {
        var v = VolumeXml.load("<volume><name>a.img</name><capacity unit='G'>2</capacity><allocation unit='G'>2</allocation>"
                + "<target><format type='raw'/></target></volume>", null);
        VolumeSpec s = VolumeSpec.fromDefinition(v, null, false);
        assertThat(s).isEqualTo(new VolumeSpec("a.img", "raw", 2L << 30, Preallocation.FALLOC, null, null));
        var q = VolumeXml.load("<volume><name>c.qcow2</name><capacity>0</capacity><target><format type='qcow2'/></target>"
                + "<backingStore><path>/p/base.qcow2</path><format type='qcow2'/></backingStore></volume>", null);
        VolumeSpec c = VolumeSpec.fromDefinition(q, new VolumeRef("p", "base.qcow2"), true);
        assertThat(c.backing()).isEqualTo(new VolumeRef("p", "base.qcow2"));
        assertThat(c.backingFormat()).isEqualTo("qcow2");
        assertThat(c.preallocation()).isEqualTo(Preallocation.METADATA);
    }
}
