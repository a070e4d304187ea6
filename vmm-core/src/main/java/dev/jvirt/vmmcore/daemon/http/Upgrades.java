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

/** Answers 101 Switching Protocols, takes HTTP off the pipeline and hands the channel over. */
final class Upgrades {
    private static final Logger log = LoggerFactory.getLogger(Upgrades.class);

    private Upgrades() {
    }

    static void switchTo(ChannelHandlerContext ctx, Reply.Upgrade upgrade) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
        res.headers().set(HttpHeaderNames.UPGRADE, upgrade.protocol());
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        ctx.writeAndFlush(res).addListener((ChannelFutureListener) f -> {
            Channel ch = f.channel();
            if (!f.isSuccess()) {
                upgrade.target().abort();
                ch.close();
                return;
            }
            ChannelPipeline p = ch.pipeline();
            for (String name : HttpPipeline.HTTP_HANDLERS) {
                if (p.get(name) != null) {
                    p.remove(name);
                }
            }
            try {
                upgrade.target().takeOver(ch);
                ch.config().setAutoRead(true);
            } catch (Exception e) {
                log.warn("{} upgrade on {} failed: {}", upgrade.protocol(), ch, e.toString());
                upgrade.target().abort();
                ch.close();
            }
        });
    }
}
