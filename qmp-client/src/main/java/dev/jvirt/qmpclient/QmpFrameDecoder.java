package dev.jvirt.qmpclient;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into QMP messages: one JSON text per line, ended by {@code \n} (QEMU
 * sends {@code \r\n}). Emits each line without its terminator as a retained slice; blank lines
 * are skipped. Remembers how far it has scanned, so a multi-megabyte reply arriving in many
 * reads is scanned once. Bytes stay bytes here, so a UTF-8 sequence split across reads is
 * decoded whole later.
 */
public final class QmpFrameDecoder extends ByteToMessageDecoder {
    /** query-qmp-schema is a few MB; anything far beyond this is not QEMU talking. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024;

    private final int maxFrameBytes;
    private int scanned;

    public QmpFrameDecoder() {
        this(DEFAULT_MAX_FRAME_BYTES);
    }

    public QmpFrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            int newline = in.indexOf(start + scanned, in.writerIndex(), (byte) '\n');
            if (newline < 0) {
                scanned = in.readableBytes();
                if (scanned > maxFrameBytes) {
                    in.skipBytes(in.readableBytes());
                    scanned = 0;
                    throw new QmpProtocolException("QMP message longer than " + maxFrameBytes + " bytes");
                }
                return;
            }
            scanned = 0;
            int end = newline;
            if (end > start && in.getByte(end - 1) == '\r') {
                end--;
            }
            int length = end - start;
            if (length > maxFrameBytes) {
                in.readerIndex(newline + 1);
                throw new QmpProtocolException("QMP message longer than " + maxFrameBytes + " bytes");
            }
            if (isBlank(in, start, end)) {
                in.readerIndex(newline + 1);
                continue;
            }
            out.add(in.retainedSlice(start, length));
            in.readerIndex(newline + 1);
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        if (in.isReadable()) {
            int left = in.readableBytes();
            boolean blank = isBlank(in, in.readerIndex(), in.writerIndex());
            in.skipBytes(left);
            scanned = 0;
            if (!blank) {
                // Fired, not thrown: a throw here would reach handlers only after channelInactive.
                ctx.fireExceptionCaught(new QmpProtocolException(
                        "connection closed in the middle of a QMP message (" + left + " bytes received)"));
            }
        }
    }

    private static boolean isBlank(ByteBuf buf, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf.getByte(i);
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
