package dev.jvirt.qmpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QmpFrameDecoderTest {
    private final List<ByteBuf> fed = new ArrayList<>();

    @AfterEach
    void everyInputBufferWasReleased() {
        assertThat(fed).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
    }

    private ByteBuf buf(byte[] bytes) {
        ByteBuf buf = Unpooled.buffer(bytes.length).writeBytes(bytes);
        fed.add(buf);
        return buf;
    }

    private ByteBuf buf(String text) {
        return buf(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> readFrames(EmbeddedChannel channel) {
        List<String> frames = new ArrayList<>();
        ByteBuf frame;
        while ((frame = channel.readInbound()) != null) {
            frames.add(frame.toString(StandardCharsets.UTF_8));
            frame.release();
        }
        return frames;
    }

    @Test
    void messageSplitAcrossManyReadsIsOneFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(new QmpFrameDecoder());
        byte[] bytes = "{\"return\": {}, \"id\": 1}\r\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            channel.writeInbound(buf(new byte[] {b}));
        }
        assertThat(readFrames(channel)).containsExactly("{\"return\": {}, \"id\": 1}");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void severalMessagesInOneReadAreSeveralFrames() {
        EmbeddedChannel channel = new EmbeddedChannel(new QmpFrameDecoder());
        channel.writeInbound(buf("{\"a\": 1}\r\n{\"b\": 2}\n\r\n  \r\n{\"c\": 3}\r\n{\"d\""));
        channel.writeInbound(buf(": 4}\r\n"));
        assertThat(readFrames(channel)).containsExactly("{\"a\": 1}", "{\"b\": 2}", "{\"c\": 3}", "{\"d\": 4}");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void multiMegabyteMessageArrivingInChunksIsOneFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(new QmpFrameDecoder());
        char[] filler = new char[6 * 1024 * 1024];
        Arrays.fill(filler, 'x');
        String message = "{\"return\": \"" + new String(filler) + "\", \"id\": 7}";
        byte[] bytes = (message + "\r\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += 65536) {
            channel.writeInbound(buf(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 65536))));
        }
        List<String> frames = readFrames(channel);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0)).isEqualTo(message);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void utf8SequenceSplitAcrossReadsDecodesWhole() {
        ObjectMapper mapper = new ObjectMapper();
        EmbeddedChannel channel = new EmbeddedChannel(new QmpFrameDecoder(), new QmpMessageDecoder(mapper));
        byte[] bytes = "{\"return\": \"ü € 😀\", \"id\": 3}\r\n".getBytes(StandardCharsets.UTF_8);
        int euro = indexOf(bytes, (byte) 0xE2);
        channel.writeInbound(buf(Arrays.copyOfRange(bytes, 0, euro + 1)));
        channel.writeInbound(buf(Arrays.copyOfRange(bytes, euro + 1, euro + 2)));
        channel.writeInbound(buf(Arrays.copyOfRange(bytes, euro + 2, bytes.length - 3)));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(buf(Arrays.copyOfRange(bytes, bytes.length - 3, bytes.length)));
        QmpMessage.Return reply = channel.readInbound();
        assertThat(reply.value().asText()).isEqualTo("ü € 😀");
        assertThat(reply.id().asLong()).isEqualTo(3);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void frameLongerThanTheLimitIsAProtocolError() {
        EmbeddedChannel channel = new EmbeddedChannel(new QmpFrameDecoder(16));
        assertThatThrownBy(() -> channel.writeInbound(buf("{\"return\": \"0123456789abcdef\"")))
                .isInstanceOf(DecoderException.class).cause().isInstanceOf(QmpProtocolException.class)
                .hasMessageContaining("longer than 16 bytes");
        channel.writeInbound(buf("{\"ok\": 1}\r\n"));
        assertThat(readFrames(channel)).last().isEqualTo("{\"ok\": 1}");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void connectionClosedMidMessageIsReported() {
        EmbeddedChannel channel = new EmbeddedChannel(new QmpFrameDecoder());
        channel.writeInbound(buf("{\"return\": {}}\r\n{\"retu"));
        assertThat(readFrames(channel)).containsExactly("{\"return\": {}}");
        assertThatThrownBy(channel::finish).isInstanceOf(QmpProtocolException.class)
                .hasMessageContaining("middle of a QMP message (6 bytes received)");
        assertThat(readFrames(channel)).isEmpty();
    }

    @Test
    void trailingWhitespaceAtCloseIsNotAnError() {
        EmbeddedChannel channel = new EmbeddedChannel(new QmpFrameDecoder());
        channel.writeInbound(buf("{\"a\": 1}\r\n \r"));
        assertThat(readFrames(channel)).containsExactly("{\"a\": 1}");
        assertThat(channel.finish()).isFalse();
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("byte not found");
    }
}
