package dev.jvirt.libvirtwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtocolTest {

    @Test
    void numbersComeFromTheXdrFile() {
        assertThat(Protocol.REMOTE_PROGRAM).isEqualTo(0x20008086);
        assertThat(Protocol.KEEPALIVE_PROGRAM).isEqualTo(0x6b656570);
        assertThat(Protocol.MESSAGE_MAX).isEqualTo(16 * 1024 * 1024);
        assertThat(Protocol.HEADER_SIZE).isEqualTo(24);
        assertThat(Protocol.STREAM).isEqualTo(3);
        assertThat(Protocol.CONTINUE).isEqualTo(2);
        assertThat(Protocol.procedure("REMOTE_PROC_CONNECT_OPEN")).isEqualTo(1);
        assertThat(Protocol.procedure("REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS")).isEqualTo(273);
        assertThat(Protocol.procedure("QEMU_PROC_DOMAIN_MONITOR_COMMAND")).isEqualTo(1);
        assertThat(Protocol.procedureName(Protocol.REMOTE_PROGRAM, 318)).contains("REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE");
        assertThat(Protocol.procedureName(Protocol.REMOTE_PROGRAM, 9999)).isEmpty();
        assertThat(Protocol.procedureName(0x1234, 1)).isEmpty();
        assertThat(Protocol.enumMembers("remote_procedure")).hasSizeGreaterThan(50);
    }

    @Test
    void theParserReadsConstsAndEnumsAndRefusesRepeats() {
        var p = Protocol.parse("/* c */ const A = 0x10; const B = 3;\nenum e { X = 1, /* y */ Y = 2 };");
        assertThat(p.constants()).containsEntry("A", 16L).containsEntry("B", 3L);
        assertThat(p.enums().get("e")).containsEntry("X", 1).containsEntry("Y", 2);
        assertThatThrownBy(() -> Protocol.parse("enum e { X = 1, Y = 1 };")).hasMessageContaining("repeats");
        assertThatThrownBy(() -> Protocol.procedure("REMOTE_PROC_NOPE")).hasMessageContaining("REMOTE_PROC_NOPE");
    }
}
