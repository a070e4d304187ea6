package dev.jvirt.virshcompat.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.virshcompat.client.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Host CPU lists as virsh's vcpupin and emulatorpin read them, and as virBitmapFormat prints them. */
class CpuListTest {

    @Test
    void rangesExclusionsAndAll() {
        assertThat(CpuList.parse("0-3,^2,5", 8)).containsExactly(0, 1, 3, 5);
        assertThat(CpuList.parse("1", 2)).containsExactly(1);
        assertThat(CpuList.parse("r", 3)).containsExactly(0, 1, 2);
        assertThat(CpuList.format(List.of(0, 1, 3, 5, 6, 7))).isEqualTo("0-1,3,5-7");
    }

    @Test
    void badListsAreVirshsErrors() {
        assertThatThrownBy(() -> CpuList.parse("5", 2)).isInstanceOf(UsageException.class)
                .hasMessage("CPU 5 in cpulist '5' exceed the maxcpu 2");
        for (String bad : new String[] {"", "a", "1-", "3-1", "^0", "0,,1"}) {
            assertThatThrownBy(() -> CpuList.parse(bad, 4)).as(bad).isInstanceOf(UsageException.class)
                    .hasMessage("Invalid cpulist '" + bad + "'");
        }
    }
}
