package dev.jvirt.vmmcore.daemon.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per connection, right after the HTTP codec: a request whose first bytes arrived must be complete
 * (head and body) within the request timeout, else it is answered 408 and the connection closed;
 * a connection with nothing in flight and nothing arriving is closed after the idle timeout.
 * While a request runs, and once the connection streams or is upgraded, no timeout applies.
 */
final class RequestTimeouts extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(RequestTimeouts.class);
    private final Duration requestTimeout;
    private final Duration idleTimeout;
    /** Request heads received minus final answers written. */
    private int pending;
    /** Bytes of a request arrived, its last byte not yet. */
    private boolean reading;
    /** The request being read has its head already (it is counted in {@link #pending}). */
    private boolean headSeen;
    private boolean off;
    private ScheduledFuture<?> requestTimer;
    private ScheduledFuture<?> idleTimer;
    private ChannelHandlerContext ctx;

    RequestTimeouts(Duration requestTimeout, Duration idleTimeout) {
        this.requestTimeout = requestTimeout;
        this.idleTimeout = idleTimeout;
    }

    /** The connection now streams (events, console log): no timeout from here on. Any thread. */
    static void streaming(Channel ch) {
        ch.eventLoop().execute(() -> {
            RequestTimeouts t = ch.pipeline().get(RequestTimeouts.class);
            if (t != null) {
                t.off = true;
                t.update();
            }
        });
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        update();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        off = true;
        update();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest) {
            pending++;
            reading = true;
            headSeen = true;
        }
        if (msg instanceof LastHttpContent) {
            reading = false;
            headSeen = false;
        }
        update();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (pending == 0 && !reading) {
            reading = true; // bytes came, yet no request head is complete: a request has begun
            update();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof LastHttpContent && !off) { // a FullHttpResponse, or a stream's end
            promise = promise.unvoid();
            promise.addListener(f -> {
                if (f.isSuccess()) {
                    pending = Math.max(0, pending - 1);
                    update();
                }
            });
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        off = true;
        update();
        ctx.fireChannelInactive();
    }

    private void update() {
        boolean wantRequest = !off && reading;
        boolean wantIdle = !off && !reading && pending == 0;
        if (wantRequest && requestTimer == null) {
            requestTimer = schedule(requestTimeout, this::requestTimedOut);
        } else if (!wantRequest && requestTimer != null) {
            requestTimer.cancel(false);
            requestTimer = null;
        }
        if (wantIdle && idleTimer == null) {
            idleTimer = schedule(idleTimeout, this::idleTimedOut);
        } else if (!wantIdle && idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    private ScheduledFuture<?> schedule(Duration d, Runnable r) {
        return ctx.executor().schedule(r, d.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void requestTimedOut() {
        requestTimer = null;
        if (off || !reading) {
            return;
        }
        log.info("connection {}: request not complete within {} s; dropped", ctx.channel(), requestTimeout.toSeconds());
        off = true;
        int unanswered = pending - (headSeen ? 1 : 0);
        if (unanswered != 0 || (headSeen && pending == 0)) {
            ctx.close(); // another answer is due first, or this one was answered already: just hang up
            return;
        }
        ApiException e = new ApiException(HttpResponseStatus.REQUEST_TIMEOUT, "request-timeout",
                "the request did not arrive completely within " + requestTimeout.toSeconds() + " s",
                "send the whole request at once", null);
        byte[] body = Json.bytes(ErrorMapper.body(e));
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, e.status(), Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, Reply.JSON);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    private void idleTimedOut() {
        idleTimer = null;
        if (!off && !reading && pending == 0) {
            log.debug("connection {}: idle for {} s; closed", ctx.channel(), idleTimeout.toSeconds());
            ctx.close();
        }
    }
}
