package dev.jvirt.console.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.console.ConsoleException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EscapeKeyTest {

    @Test
    void caretFormsAreControlCharactersAsVirshComputesThem() {
        assertThat(EscapeKey.DEFAULT.value()).isEqualTo((byte) 0x1d);
        assertThat(EscapeKey.parse("^[").value()).isEqualTo((byte) 0x1b);
        assertThat(EscapeKey.parse("^a").value()).isEqualTo((byte) 0x01);
        assertThat(EscapeKey.parse("^A").value()).isEqualTo((byte) 0x01);
        assertThat(EscapeKey.parse("^@").value()).isEqualTo((byte) 0x00);
        assertThat(EscapeKey.parse("^_").value()).isEqualTo((byte) 0x1f);
        assertThat(EscapeKey.parse("~").value()).isEqualTo((byte) '~');
    }

    @Test
    void describesItselfAsVirshsBannerDoes() {
        assertThat(EscapeKey.DEFAULT.describe()).isEqualTo("^] (Ctrl + ])");
        assertThat(EscapeKey.parse("^[").describe()).isEqualTo("^[ (Ctrl + [)");
        assertThat(EscapeKey.parse("~").describe()).isEqualTo("~");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "^", "^1", "^]]", "ab", "é", "^ "})
    void rejectsWhatVirshRejects(String spec) {
        assertThatThrownBy(() -> EscapeKey.parse(spec)).isInstanceOf(ConsoleException.class)
                .hasMessage("Invalid string '" + spec + "' for escape sequence");
    }

    @Test
    void findsTheEscapeByteAnywhereInAChunk() {
        byte[] typed = "ls\u001d-l".getBytes(StandardCharsets.US_ASCII);
        assertThat(EscapeKey.DEFAULT.find(typed, 0, typed.length)).isEqualTo(2);
        assertThat(EscapeKey.DEFAULT.find(typed, 0, 2)).isEqualTo(-1);
        assertThat(EscapeKey.DEFAULT.find(typed, 3, 2)).isEqualTo(-1);
        assertThat(EscapeKey.parse("^[").find(typed, 0, typed.length)).isEqualTo(-1);
    }
}
