package dev.jvirt.vmmcore.daemon.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams newline-delimited JSON in HTTP chunks until the client closes the connection (or the
 * daemon stops); then the source's handle is closed. A slow reader does not hold the daemon up:
 * lines are dropped while the channel is not writable, and the stream is cut after too many.
 */
final class StreamWriter {
    private static final Logger log = LoggerFactory.getLogger(StreamWriter.class);
    private static final int MAX_DROPPED = 1000;

    void start(ChannelHandlerContext ctx, StreamSource source) {
        Channel ch = ctx.channel();
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/x-ndjson");
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        ch.writeAndFlush(head);
        ch.config().setAutoRead(true);
        int[] dropped = {0};
        AutoCloseable handle;
        try {
            handle = source.open(value -> {
                if (!ch.isActive()) {
                    return false;
                }
                if (!ch.isWritable() && ++dropped[0] > MAX_DROPPED) {
                    log.warn("event stream to {} cut: the client does not read", ch);
                    ch.close();
                    return false;
                }
                byte[] line = Json.bytes(value);
                ByteBuf buf = Unpooled.buffer(line.length + 1).writeBytes(line).writeByte('\n');
                ch.writeAndFlush(new DefaultHttpContent(buf));
                return true;
            });
        } catch (Exception e) {
            log.warn("stream on {} could not start: {}", ch, e.toString());
            ch.close();
            return;
        }
        ch.closeFuture().addListener((ChannelFutureListener) f -> {
            try {
                handle.close();
            } catch (Exception e) {
                log.debug("closing a stream source: {}", e.toString());
            }
        });
    }
}
