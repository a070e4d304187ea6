package dev.jvirt.vmmcore.daemon.console;

import dev.jvirt.console.hub.ConsoleStreamBridge;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** After the upgrade: client bytes → the bridge (reading pauses until QEMU took them); hang-up → detach. */
final class ConsoleChannelHandler extends ChannelInboundHandlerAdapter {
    private final ConsoleStreamBridge bridge;

    ConsoleChannelHandler(ConsoleStreamBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
        ctx.channel().config().setAutoRead(false);
        bridge.receive(bytes, 0, bytes.length).whenComplete((v, e) -> {
            ctx.channel().config().setAutoRead(true);
            ctx.channel().read();
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        bridge.connectionClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
