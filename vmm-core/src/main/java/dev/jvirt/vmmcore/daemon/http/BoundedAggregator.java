package dev.jvirt.vmmcore.daemon.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Turns each request into one {@link FullHttpRequest} whose body is an unpooled heap buffer of at
 * most {@code maxBody} bytes, so nothing outlives the request. A larger body (by its
 * Content-Length, or as it grows) is not kept: a bodiless request whose decoder result is
 * {@link TooLarge} goes on in its place, to be answered in order, and the rest of the body is read
 * and dropped (up to the drain limit) so the client finishes writing and can read the answer. A
 * connection told to close while a body drains closes when the body has ended.
 */
final class BoundedAggregator extends ChannelInboundHandlerAdapter {
    private final int maxBody;
    private final long drainLimit;
    private HttpRequest head;
    private ByteBuf body;
    /** Bytes dropped of a refused body, or -1 when none is draining. */
    private long drained = -1;
    private boolean closeWhenDrained;
    private ChannelHandlerContext ctx;

    BoundedAggregator(int maxBody, long drainLimit) {
        this.maxBody = maxBody;
        this.drainLimit = drainLimit;
    }

    /** The refusal of a body over the limit; {@code size} is its Content-Length, or -1 when unknown. */
    static final class TooLarge extends DecoderException {
        private static final long serialVersionUID = 1L;
        final long size;
        final int max;

        TooLarge(long size, int max) {
            super("request body over " + max + " bytes");
            this.size = size;
            this.max = max;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req) {
            startRequest(ctx, req);
        }
        if (msg instanceof HttpContent c) {
            try {
                content(ctx, c);
            } finally {
                c.release();
            }
        }
    }

    private void startRequest(ChannelHandlerContext ctx, HttpRequest req) {
        releaseBody();
        if (req.decoderResult().isFailure()) {
            ctx.fireChannelRead(bodiless(req, req.decoderResult())); // the decoder drops what follows
            return;
        }
        long declared = HttpUtil.getContentLength(req, -1L);
        if (declared > maxBody) {
            refuse(ctx, req, declared);
            return;
        }
        head = req;
        body = Unpooled.buffer(declared >= 0 ? (int) declared : 1024, maxBody);
    }

    private void content(ChannelHandlerContext ctx, HttpContent c) {
        boolean last = c instanceof LastHttpContent;
        if (drained >= 0) {
            drained += c.content().readableBytes();
            if (last) {
                drained = -1;
                if (closeWhenDrained) {
                    ctx.close();
                }
            } else if (drained > drainLimit) {
                ctx.close();
            }
            return;
        }
        if (head == null) {
            return;
        }
        if (c.content().readableBytes() > maxBody - body.readableBytes()) {
            HttpRequest req = head;
            releaseBody();
            refuse(ctx, req, -1);
            if (last) {
                drained = -1;
            }
            return;
        }
        body.writeBytes(c.content());
        if (last) {
            HttpRequest req = head;
            ByteBuf b = body;
            head = null;
            body = null;
            FullHttpRequest full = new DefaultFullHttpRequest(req.protocolVersion(), req.method(), req.uri(), b,
                    req.headers(), ((LastHttpContent) c).trailingHeaders());
            ctx.fireChannelRead(full);
        }
    }

    private void refuse(ChannelHandlerContext ctx, HttpRequest req, long declared) {
        // A client waiting for 100 Continue sends no body; one bigger than the drain limit is not waited for.
        boolean drain = !HttpUtil.is100ContinueExpected(req) && declared <= drainLimit;
        drained = drain ? 0 : -1;
        closeWhenDrained = false;
        ctx.fireChannelRead(bodiless(req, DecoderResult.failure(new TooLarge(declared, maxBody))));
    }

    private static FullHttpRequest bodiless(HttpRequest req, DecoderResult result) {
        FullHttpRequest r = new DefaultFullHttpRequest(req.protocolVersion(), req.method(), req.uri(),
                Unpooled.EMPTY_BUFFER, req.headers(), io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
        r.setDecoderResult(result);
        return r;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Closes the connection now, or once the body being dropped has ended. Event loop only. */
    void closeAfterDrain() {
        if (drained >= 0) {
            closeWhenDrained = true;
            ctx.read();
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if ((drained >= 0 || head != null) && !ctx.channel().config().isAutoRead()) {
            ctx.read(); // the rest of this body is wanted (or to be dropped) before the next request
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseBody();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseBody();
        ctx.fireChannelInactive();
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
        }
        body = null;
        head = null;
    }
}
