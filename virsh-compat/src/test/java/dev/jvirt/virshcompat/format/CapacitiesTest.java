package dev.jvirt.virshcompat.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** virsh's vshPrettyCapacity, and the escaping of the XML attach-disk writes. */
class CapacitiesTest {

    @Test
    void sizesAsVirshPrintsThem() {
        assertThat(Capacities.pretty(0)).isEqualTo("0.00 B");
        assertThat(Capacities.pretty(1023)).isEqualTo("1023.00 B");
        assertThat(Capacities.pretty(200_704)).isEqualTo("196.00 KiB");
        assertThat(Capacities.pretty(64L << 20)).isEqualTo("64.00 MiB");
        assertThat(Capacities.pretty(105_089_888_256L)).isEqualTo("97.87 GiB");
        assertThat(Capacities.info(16L << 20, true)).isEqualTo("16777216 bytes");
    }

    @Test
    void xmlValuesAreEscaped() {
        assertThat(XmlText.attr("/a'b&<c>\"")).isEqualTo("'/a&apos;b&amp;&lt;c&gt;&quot;'");
        assertThat(XmlText.text("x<y")).isEqualTo("x&lt;y");
        assertThatThrownBy(() -> XmlText.text("a\u0001")).isInstanceOf(IllegalArgumentException.class);
    }
}
