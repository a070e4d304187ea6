package dev.jvirt.libvirtwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

class RpcCodecTest {
    private static final Header CALL = new Header(Protocol.REMOTE_PROGRAM, 1, 3, Protocol.CALL, 7, Protocol.OK);

    @Test
    void encodesLengthHeaderPayload() {
        EmbeddedChannel ch = new EmbeddedChannel(new RpcMessageEncoder());
        ch.writeOutbound(new Message(CALL, new XdrWriter().writeString("QEMU").toByteArray()));
        ByteBuf out = ch.readOutbound();
        assertThat(out.readInt()).isEqualTo(4 + 24 + 8);
        assertThat(out.readInt()).isEqualTo(0x20008086);
        assertThat(out.readInt()).isEqualTo(1);
        assertThat(out.readInt()).isEqualTo(3);
        assertThat(out.readInt()).isEqualTo(0);
        assertThat(out.readInt()).isEqualTo(7);
        assertThat(out.readInt()).isEqualTo(0);
        assertThat(out.readableBytes()).isEqualTo(8);
        out.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decodesSplitAndMergedFrames() {
        byte[] a = RpcMessageEncoder.frame(new Message(CALL, new byte[] {1, 2, 3}));
        byte[] b = RpcMessageEncoder.frame(new Message(CALL.reply(Protocol.OK), new byte[0]));
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        EmbeddedChannel ch = new EmbeddedChannel(new RpcFrameDecoder());
        for (int i = 0; i < both.length; i += 5) { // five bytes at a time: every frame split across reads
            ch.writeInbound(Unpooled.wrappedBuffer(both, i, Math.min(5, both.length - i)));
        }
        Message first = ch.readInbound();
        Message second = ch.readInbound();
        assertThat(first.header()).isEqualTo(CALL);
        assertThat(first.payload()).containsExactly(1, 2, 3);
        assertThat(second.header().type()).isEqualTo(Protocol.REPLY);
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.finish()).isFalse();

        EmbeddedChannel merged = new EmbeddedChannel(new RpcFrameDecoder());
        merged.writeInbound(Unpooled.wrappedBuffer(both));
        assertThat(((Message) merged.readInbound()).header()).isEqualTo(CALL);
        assertThat(((Message) merged.readInbound()).header().serial()).isEqualTo(7);
        assertThat(merged.finish()).isFalse();
    }

    @Test
    void refusesAnOversizedOrShortLengthAtOnce() {
        EmbeddedChannel ch = new EmbeddedChannel(new RpcFrameDecoder());
        ByteBuf huge = Unpooled.buffer().writeInt(16 * 1024 * 1024 + 5).writeInt(0x20008086);
        assertThatThrownBy(() -> ch.writeInbound(huge)).isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("16777221");
        assertThat(huge.refCnt()).isZero();
        // after a bad frame the decoder swallows the rest: the connection is to be closed
        ch.writeInbound(Unpooled.wrappedBuffer(RpcMessageEncoder.frame(new Message(CALL, new byte[0]))));
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();

        EmbeddedChannel shortOne = new EmbeddedChannel(new RpcFrameDecoder());
        assertThatThrownBy(() -> shortOne.writeInbound(Unpooled.buffer().writeInt(27)))
                .isInstanceOf(DecoderException.class);
        shortOne.finishAndReleaseAll();
    }

    @Test
    void theLargestFrameIsAccepted() {
        EmbeddedChannel ch = new EmbeddedChannel(new RpcFrameDecoder());
        int payload = Protocol.MESSAGE_MAX - Protocol.HEADER_SIZE;
        ByteBuf buf = Unpooled.buffer(4 + Protocol.MESSAGE_MAX).writeInt(4 + Protocol.MESSAGE_MAX);
        XdrWriter h = new XdrWriter();
        CALL.write(h);
        buf.writeBytes(h.toByteArray()).writeZero(payload);
        ch.writeInbound(buf);
        Message m = ch.readInbound();
        assertThat(m.payload()).hasSize(payload);
        assertThat(ch.finish()).isFalse();
    }
}
