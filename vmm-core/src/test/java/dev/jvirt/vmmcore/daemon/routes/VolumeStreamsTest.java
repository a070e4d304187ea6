package dev.jvirt.vmmcore.daemon.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The upload side of the volume stream frames: D, Z and E frames become the volume's bytes, split or merged as they come. */
class VolumeStreamsTest {

    private static ByteBuf frame(char kind, long length, byte[] data) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(kind);
        b.writeLong(length);
        if (data != null) {
            b.writeBytes(data);
        }
        return b;
    }

    private static byte[] readAll(VolumeStreams.Incoming in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(7); // small: frames end inside reads
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf.array(), 0, n);
            buf.clear();
        }
        return out.toByteArray();
    }

    @Test
    void dataAndHolesInFramesSplitAndMergedGiveTheContent() throws Exception {
        VolumeStreams.Incoming in = new VolumeStreams.Incoming(13);
        EmbeddedChannel ch = new EmbeddedChannel(in);
        in.attach(ch);
        ByteBuf all = Unpooled.buffer();
        all.writeBytes(frame('D', 3, new byte[] {1, 2, 3}));
        all.writeBytes(frame('Z', 5, null));
        all.writeBytes(frame('D', 5, new byte[] {4, 5, 6, 7, 8}));
        all.writeBytes(frame('E', 13, null));
        // one byte at a time for the first part, the rest merged
        for (int i = 0; i < 12; i++) {
            ch.writeInbound(all.readRetainedSlice(1));
        }
        ch.writeInbound(all.readRetainedSlice(all.readableBytes()));
        all.release();

        assertThat(readAll(in)).containsExactly(1, 2, 3, 0, 0, 0, 0, 0, 4, 5, 6, 7, 8);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aConnectionThatEndsBeforeTheEndFrameEndsTheContentShort() throws Exception {
        VolumeStreams.Incoming in = new VolumeStreams.Incoming(100);
        EmbeddedChannel ch = new EmbeddedChannel(in);
        in.attach(ch);
        ch.writeInbound(frame('D', 4, new byte[] {9, 9, 9, 9}));
        ch.close(); // as a killed client: no E frame
        assertThat(readAll(in)).containsExactly(9, 9, 9, 9);
    }

    @Test
    void anEndFrameThatDisagreesWithWhatWasSentIsAnError() {
        VolumeStreams.Incoming in = new VolumeStreams.Incoming(4);
        EmbeddedChannel ch = new EmbeddedChannel(in);
        in.attach(ch);
        ch.writeInbound(frame('D', 2, new byte[] {1, 2}));
        ch.writeInbound(frame('E', 4, null));
        assertThatThrownBy(() -> readAll(in)).isInstanceOf(IOException.class).hasMessageContaining("end frame says 4 bytes after 2");
        ch.finishAndReleaseAll();
    }

    @Test
    void anUnknownFrameKindIsAnError() {
        VolumeStreams.Incoming in = new VolumeStreams.Incoming(4);
        EmbeddedChannel ch = new EmbeddedChannel(in);
        in.attach(ch);
        ch.writeInbound(frame('Q', 2, null));
        assertThatThrownBy(() -> readAll(in)).isInstanceOf(IOException.class).hasMessageContaining("unknown frame kind");
        ch.finishAndReleaseAll();
    }
}
