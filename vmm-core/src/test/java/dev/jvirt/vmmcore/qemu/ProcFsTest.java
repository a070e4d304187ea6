package dev.jvirt.vmmcore.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcFsTest {

    @Test
    void theStateComesAfterTheLastParenthesis() {
        assertThat(ProcFs.parseState("4242 (qemu-system-x86) S 1 4241")).contains('S');
        assertThat(ProcFs.parseState("4242 (a) b) (c) Z 1 4241")).contains('Z');
        assertThat(ProcFs.parseState("garbage")).isEmpty();
    }

    @Test
    void cmdlineIsSplitAtNuls() {
        byte[] raw = "qemu\0-name\0guest=a,debug-threads=on\0".getBytes(StandardCharsets.UTF_8);
        assertThat(ProcFs.splitNul(raw)).containsExactly("qemu", "-name", "guest=a,debug-threads=on");
    }

    @Test
    void thisJvmIsAliveAndItsCmdlineIsReadable() {
        long self = ProcessHandle.current().pid();
        assertThat(ProcFs.system().isAlive(self)).isTrue();
        assertThat(ProcFs.system().cmdline(self).get(0)).contains("java");
        assertThat(ProcFs.system().isAlive(Long.MAX_VALUE)).isFalse();
        assertThat(ProcFs.system().cmdline(Long.MAX_VALUE)).isEqualTo(List.of());
    }
}
