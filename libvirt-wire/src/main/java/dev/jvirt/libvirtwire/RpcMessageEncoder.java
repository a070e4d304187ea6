package dev.jvirt.libvirtwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** {@link Message} → bytes: the length word, the header, the payload. */
@ChannelHandler.Sharable
public final class RpcMessageEncoder extends MessageToByteEncoder<Message> {

    @Override
    protected void encode(ChannelHandlerContext ctx, Message msg, ByteBuf out) {
        XdrWriter head = new XdrWriter();
        msg.header().write(head);
        out.writeInt(Protocol.LENGTH_SIZE + Protocol.HEADER_SIZE + msg.payload().length);
        out.writeBytes(head.toByteArray());
        out.writeBytes(msg.payload());
    }

    /** The whole frame of {@code msg} as bytes (tests and clients without Netty). */
    public static byte[] frame(Message msg) {
        XdrWriter w = new XdrWriter();
        w.writeInt(Protocol.LENGTH_SIZE + Protocol.HEADER_SIZE + msg.payload().length);
        msg.header().write(w);
        w.writeRaw(msg.payload());
        return w.toByteArray();
    }
}
