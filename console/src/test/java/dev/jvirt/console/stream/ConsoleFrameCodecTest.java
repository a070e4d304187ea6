package dev.jvirt.console.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.console.CloseReason;
import dev.jvirt.console.ConsoleException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConsoleFrameCodecTest {

    private static final List<ConsoleFrame> FRAMES = List.of(
            ConsoleFrame.data("hello\r\n".getBytes(StandardCharsets.UTF_8)),
            ConsoleFrame.data(new byte[0]),
            ConsoleFrame.detach(),
            ConsoleFrame.data(new byte[] {0, 1, (byte) 0xff, 0x1d}),
            ConsoleFrame.closed(CloseReason.TAKEN_OVER, "taken over — by someone"));

    private static byte[] wire() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FRAMES.forEach(f -> out.writeBytes(ConsoleFrameEncoder.encode(f)));
        return out.toByteArray();
    }

    @Test
    void mergedInputDecodesEveryFrameAtOnce() {
        ConsoleFrameDecoder d = new ConsoleFrameDecoder();
        assertThat(d.feed(wire())).containsExactlyElementsOf(FRAMES);
        assertThat(d.isMidFrame()).isFalse();
    }

    @Test
    void inputSplitAtEveryByteDecodesTheSame() {
        byte[] wire = wire();
        ConsoleFrameDecoder d = new ConsoleFrameDecoder();
        List<ConsoleFrame> got = new ArrayList<>();
        for (int i = 0; i < wire.length; i++) {
            got.addAll(d.feed(wire, i, 1));
        }
        assertThat(got).containsExactlyElementsOf(FRAMES);
        assertThat(d.isMidFrame()).isFalse();
    }

    @Test
    void inputSplitAtRandomDecodesTheSame() {
        byte[] wire = wire();
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            ConsoleFrameDecoder d = new ConsoleFrameDecoder();
            List<ConsoleFrame> got = new ArrayList<>();
            for (int at = 0; at < wire.length; ) {
                int n = Math.min(wire.length - at, 1 + random.nextInt(12));
                got.addAll(d.feed(wire, at, n));
                at += n;
            }
            assertThat(got).containsExactlyElementsOf(FRAMES);
        }
    }

    @Test
    void closedFrameCarriesReasonAndMessage() {
        ConsoleFrame f = new ConsoleFrameDecoder().feed(ConsoleFrameEncoder.encode(
                ConsoleFrame.closed(CloseReason.GUEST_STOPPED, "Domain 'x' stopped"))).get(0);
        assertThat(f.reason()).isEqualTo(CloseReason.GUEST_STOPPED);
        assertThat(f.message()).isEqualTo("Domain 'x' stopped");
    }

    @Test
    void largeDataIsSplitIntoFramesOfAtMost64KiB() {
        byte[] big = new byte[200_000];
        new Random(1).nextBytes(big);
        byte[] wire = ConsoleFrameEncoder.encodeData(big, 0, big.length);
        List<ConsoleFrame> frames = new ConsoleFrameDecoder().feed(wire);
        assertThat(frames).hasSize(4).allMatch(f -> f.payload().length <= ConsoleFrameEncoder.MAX_DATA_CHUNK);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        frames.forEach(f -> joined.writeBytes(f.payload()));
        assertThat(joined.toByteArray()).isEqualTo(big);
    }

    @Test
    void unknownTypeAndOversizedFramesAreRejected() {
        assertThatThrownBy(() -> new ConsoleFrameDecoder().feed(new byte[] {9, 0, 0, 0, 0}))
                .isInstanceOf(ConsoleException.class).hasMessageContaining("unknown frame type 9");
        assertThatThrownBy(() -> new ConsoleFrameDecoder().feed(new byte[] {1, 0x7f, 0, 0, 0}))
                .isInstanceOf(ConsoleException.class).hasMessageContaining("at most");
    }

    @Test
    void readerReturnsNullAtACleanEndAndFailsInTheMiddleOfAFrame() throws Exception {
        byte[] wire = wire();
        ConsoleFrameReader r = new ConsoleFrameReader(new ByteArrayInputStream(wire));
        List<ConsoleFrame> got = new ArrayList<>();
        for (ConsoleFrame f; (f = r.read()) != null; ) {
            got.add(f);
        }
        assertThat(got).containsExactlyElementsOf(FRAMES);

        ConsoleFrameReader cut = new ConsoleFrameReader(new ByteArrayInputStream(wire, 0, 15));
        assertThat(cut.read()).isEqualTo(FRAMES.get(0)); // 5 + 7 bytes; then 3 bytes of the next header
        assertThatThrownBy(cut::read).isInstanceOf(EOFException.class);
    }
}
