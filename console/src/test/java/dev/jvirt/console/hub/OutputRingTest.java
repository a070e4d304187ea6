package dev.jvirt.console.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputRingTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void holdsEverythingUntilFull() {
        OutputRing ring = new OutputRing(8);
        ring.append(b("abc"), 0, 3);
        ring.append(b("de"), 0, 2);
        assertThat(s(ring.snapshot())).isEqualTo("abcde");
        assertThat(s(ring.tail(2))).isEqualTo("de");
        assertThat(s(ring.tail(100))).isEqualTo("abcde");
    }

    @Test
    void wrapsKeepingTheNewestBytesInOrder() {
        OutputRing ring = new OutputRing(8);
        ring.append(b("0123456"), 0, 7);
        ring.append(b("789ab"), 0, 5);
        assertThat(s(ring.snapshot())).isEqualTo("456789ab");
        assertThat(s(ring.tail(3))).isEqualTo("9ab");
        assertThat(ring.total()).isEqualTo(12);
    }

    @Test
    void aChunkLargerThanTheRingKeepsItsTail() {
        OutputRing ring = new OutputRing(4);
        ring.append(b("xy"), 0, 2);
        ring.append(b("0123456789"), 2, 8);
        assertThat(s(ring.snapshot())).isEqualTo("6789");
        ring.append(b("Z"), 0, 1);
        assertThat(s(ring.snapshot())).isEqualTo("789Z");
    }

    @Test
    void manySmallAppendsMatchAPlainTail() {
        OutputRing ring = new OutputRing(64);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            String piece = Integer.toString(i, 36);
            all.append(piece);
            ring.append(b(piece), 0, piece.length());
            assertThat(s(ring.snapshot())).isEqualTo(all.substring(Math.max(0, all.length() - 64)));
        }
    }
}
