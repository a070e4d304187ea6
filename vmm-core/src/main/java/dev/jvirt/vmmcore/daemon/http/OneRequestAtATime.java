package dev.jvirt.vmmcore.daemon.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Hands the dispatcher one whole request per {@code read()} it asks for, keeping the ones that
 * arrived with it (pipelined) until it asks again; the socket is read only when none is kept.
 * (Netty's FlowControlHandler forgets a {@code read()} at the end of each socket read, so a body
 * that takes several reads would never be handed on.) At most what one socket read decoded is
 * kept: the connection does not read while a request is held here or running.
 */
final class OneRequestAtATime extends ChannelDuplexHandler {
    private final ArrayDeque<Object> kept = new ArrayDeque<>();
    private boolean wanted;

    @Override
    public void read(ChannelHandlerContext ctx) {
        Object next = kept.poll();
        if (next != null) {
            ctx.fireChannelRead(next);
            return;
        }
        wanted = true;
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (wanted && kept.isEmpty()) {
            wanted = false;
            ctx.fireChannelRead(msg);
        } else {
            kept.add(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseKept();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseKept();
    }

    private void releaseKept() {
        Object m;
        while ((m = kept.poll()) != null) {
            ReferenceCountUtil.release(m);
        }
    }
}
