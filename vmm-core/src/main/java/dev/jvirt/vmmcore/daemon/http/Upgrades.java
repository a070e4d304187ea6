package dev.jvirt.vmmcore.daemon.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers 101 Switching Protocols, takes HTTP off the pipeline and hands the channel over — all
 * in one step on the connection's event loop, so that no byte the client sends after reading the
 * 101 (keystrokes, then perhaps its hang-up) can reach the HTTP codec: the 101 is encoded by the
 * codec still in place, the codec goes, the target's handler is in place, and only then is the
 * connection read again.
 *
 * <p>Not on the future of the 101's write: a listener added to it from the worker thread after
 * the write completed runs as a later task, and the event loop may meanwhile read what the client
 * sent (a peer's hang-up is read even with auto-read off) into the HTTP codec — the keystrokes
 * parsed as a bad request, the hang-up never seen by the target, its console session left
 * attached as the writer.
 */
final class Upgrades {
    private static final Logger log = LoggerFactory.getLogger(Upgrades.class);

    private Upgrades() {
    }

    /** Any thread. */
    static void switchTo(ChannelHandlerContext ctx, Reply.Upgrade upgrade) {
        if (ctx.executor().inEventLoop()) {
            switchNow(ctx, upgrade);
        } else {
            ctx.executor().execute(() -> switchNow(ctx, upgrade));
        }
    }

    private static void switchNow(ChannelHandlerContext ctx, Reply.Upgrade upgrade) {
        Channel ch = ctx.channel();
        if (!ch.isActive()) {
            upgrade.target().abort(); // the client left before its answer
            return;
        }
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
        res.headers().set(HttpHeaderNames.UPGRADE, upgrade.protocol());
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        // Encoded here and now by the HTTP codec; a failed write closes the connection, which the
        // target's handler (in place by then) sees as the end.
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        ChannelPipeline p = ch.pipeline();
        for (String name : HttpPipeline.HTTP_HANDLERS) {
            if (p.get(name) != null) {
                p.remove(name);
            }
        }
        try {
            upgrade.target().takeOver(ch);
        } catch (Exception e) {
            log.warn("{} upgrade on {} failed: {}", upgrade.protocol(), ch, e.toString());
            upgrade.target().abort();
            ch.close();
            return;
        }
        if (!ch.isActive()) {
            upgrade.target().abort(); // closed as the 101 went out: the target's handler saw no end
            return;
        }
        ch.config().setAutoRead(true);
    }
}
