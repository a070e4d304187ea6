package dev.jvirt.virshcompat.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.virshcompat.client.UsageException;
import org.junit.jupiter.api.Test;

/** Sizes as virsh's setmem reads them (virScaleInteger with KiB as the default unit). */
class ScaledSizeTest {

    @Test
    void unitsAsVirshScalesThem() {
        assertThat(ScaledSize.kib("65536", "size")).isEqualTo(65536);
        assertThat(ScaledSize.kib("96M", "size")).isEqualTo(98304);
        assertThat(ScaledSize.kib("96MiB", "size")).isEqualTo(98304);
        assertThat(ScaledSize.kib("1G", "size")).isEqualTo(1048576);
        assertThat(ScaledSize.kib("1000KB", "size")).isEqualTo(977); // 1 000 000 bytes, rounded up
        assertThat(ScaledSize.kib("1500b", "size")).isEqualTo(2);
        assertThat(ScaledSize.bytes("2k", 1024, "size")).isEqualTo(2048);
    }

    @Test
    void malformedOrOverflowingValuesAreVirshsError() {
        for (String bad : new String[] {"lots", "", "-1", "12X", "1bb", "99999999999E"}) {
            assertThatThrownBy(() -> ScaledSize.kib(bad, "size")).as(bad).isInstanceOf(UsageException.class)
                    .hasMessage("Scaled numeric value '" + bad + "' for <size> option is malformed or out of range");
        }
    }
}
