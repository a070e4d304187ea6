package dev.jvirt.libvirtwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/**
 * Bytes → {@link Message}: a 4-byte big-endian length that counts itself, then the 24-byte
 * {@link Header} and the payload. A length below the header's or above
 * {@link Protocol#MESSAGE_MAX} (plus the length word) is refused as soon as the length word is
 * read — before any of the frame is buffered — with a {@link CorruptedFrameException}, after
 * which the decoder drops everything: the connection's handler closes it.
 */
public final class RpcFrameDecoder extends ByteToMessageDecoder {
    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= Protocol.LENGTH_SIZE) {
            long length = in.getUnsignedInt(in.readerIndex());
            if (length < Protocol.LENGTH_SIZE + Protocol.HEADER_SIZE || length > Protocol.LENGTH_SIZE + (long) Protocol.MESSAGE_MAX) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw new CorruptedFrameException("a libvirt RPC frame of " + length + " bytes: the length must be "
                        + (Protocol.LENGTH_SIZE + Protocol.HEADER_SIZE) + ".." + (Protocol.LENGTH_SIZE + Protocol.MESSAGE_MAX));
            }
            if (in.readableBytes() < length) {
                return;
            }
            in.skipBytes(Protocol.LENGTH_SIZE);
            byte[] head = new byte[Protocol.HEADER_SIZE];
            in.readBytes(head);
            byte[] payload = new byte[(int) length - Protocol.LENGTH_SIZE - Protocol.HEADER_SIZE];
            in.readBytes(payload);
            out.add(new Message(Header.read(new XdrReader(head)), payload));
        }
    }
}
