package dev.jvirt.vmmcore.qemu.argv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QemuOptsTest {

    @Test
    void doublesEveryCommaInValuesAndTheImpliedValue() {
        String s = QemuOpts.of("file").add("id", "c0").add("path", "/a,b,,c").onOff("append", true).build();
        assertThat(s).isEqualTo("file,id=c0,path=/a,,b,,,,c,append=on");
    }

    @Test
    void leavesEverythingButCommasAlone() {
        assertThat(QemuOpts.escape("a=b \"c\" 'd'\\e")).isEqualTo("a=b \"c\" 'd'\\e");
    }

    @Test
    void firstPairAndOptionalValues() {
        assertThat(QemuOpts.ofPair("guest", "x,y").addIfSet("a", null).addIfSet("b", 3).build())
                .isEqualTo("guest=x,,y,b=3");
    }
}
