package dev.jvirt.vmmcore.daemon.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Routes each aggregated request, runs its handler on the worker executor (handlers may block on
 * the hypervisor), and writes the reply. One request at a time per connection: the next one is
 * asked for ({@code read()}) only once this answer is written, so pipelined requests are answered
 * in order and a {@code Connection: close} comes after every earlier answer.
 */
@ChannelHandler.Sharable
public final class HttpDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> implements AutoCloseable {
    private final RouteTable routes;
    private final Executor workers;
    private final AccessPolicy access;
    private final StreamWriter streams = new StreamWriter();
    private final HeapTrim heap = new HeapTrim();

    public HttpDispatcher(RouteTable routes, Executor workers, AccessPolicy access) {
        this.routes = routes;
        this.workers = workers;
        this.access = access;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read(); // auto-read is off: ask for the first request
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        long t0 = System.nanoTime();
        Peer peer = PeerCredentialsReader.peer(ctx.channel());
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        String method = msg.method().name();
        QueryStringDecoder uri = new QueryStringDecoder(msg.uri());
        String path = uri.rawPath();
        RequestLog entry = new RequestLog(method, path, peer, t0);
        if (!msg.decoderResult().isSuccess()) {
            writeError(ctx, refusal(msg.decoderResult().cause()), false, entry);
            return;
        }
        RouteTable.Match match;
        try {
            access.check(peer);
            match = routes.find(msg.method(), path);
        } catch (ApiException e) {
            writeError(ctx, e, keepAlive, entry);
            return;
        }
        entry.mutating(match.route().mutating());
        Request request = new Request(msg.method(), path, match.params(), uri.parameters(), msg.headers().copy(),
                bytes(msg.content()), peer);
        try {
            workers.execute(() -> run(ctx, match.route().handler(), request, keepAlive, entry));
        } catch (RejectedExecutionException e) {
            writeError(ctx, new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "internal",
                    "jvirtd is stopping, or runs its maximum of concurrent requests",
                    "retry in a moment", e), false, entry);
        }
    }

    /** The body as an array: the aggregator's own when it is exactly the body (no second copy of a large one). */
    private static byte[] bytes(io.netty.buffer.ByteBuf content) {
        if (content.hasArray() && content.arrayOffset() == 0 && content.readerIndex() == 0
                && content.array().length == content.readableBytes()) {
            return content.array();
        }
        return ByteBufUtil.getBytes(content);
    }

    private void run(ChannelHandlerContext ctx, Handler handler, Request request, boolean keepAlive, RequestLog entry) {
        Reply reply;
        try {
            reply = handler.handle(request);
        } catch (Throwable t) {
            writeError(ctx, ErrorMapper.map(t), keepAlive, entry);
            return;
        } finally {
            heap.handled(request.body().length);
        }
        if (reply instanceof Reply.Full full) {
            write(ctx, full.status(), full.contentType(), full.body(), keepAlive, entry);
        } else if (reply instanceof Reply.Stream stream) {
            entry.done(200);
            RequestTimeouts.streaming(ctx.channel());
            streams.start(ctx, stream.source());
        } else if (reply instanceof Reply.Upgrade upgrade) {
            entry.done(101);
            Upgrades.switchTo(ctx, upgrade);
        }
    }

    private void writeError(ChannelHandlerContext ctx, ApiException e, boolean keepAlive, RequestLog entry) {
        entry.failed(e);
        write(ctx, e.status(), Reply.JSON, Json.bytes(ErrorMapper.body(e)), keepAlive, entry);
    }

    private static void write(ChannelHandlerContext ctx, HttpResponseStatus status, String type, byte[] body,
                              boolean keepAlive, RequestLog entry) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (!keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        entry.done(status.code());
        ctx.writeAndFlush(res).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                f.channel().close();
            } else if (!keepAlive) {
                BoundedAggregator agg = f.channel().pipeline().get(BoundedAggregator.class);
                if (agg != null) {
                    agg.closeAfterDrain(); // a refused body still arriving is read to its end first
                } else {
                    f.channel().close();
                }
            } else {
                ctx.read(); // the next request, if any
            }
        });
    }

    /** A request the codec or the aggregator refused: too large (413), else malformed (400). */
    private static ApiException refusal(Throwable cause) {
        if (cause instanceof BoundedAggregator.TooLarge big) {
            String size = big.size >= 0 ? big.size + " bytes" : "more than " + big.max + " bytes";
            return new ApiException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too-large",
                    "the request body is " + size + "; jvirtd accepts at most " + big.max + " bytes ("
                            + (big.max >> 20) + " MiB)", "a domain definition is a few KiB: check that the right file was given", null);
        }
        return ApiException.badRequest("malformed HTTP request: " + cause);
    }

    /** Stops the heap trimmer's thread (the server is closed first). */
    @Override
    public void close() {
        heap.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        RequestLog.connectionFailed(ctx.channel(), cause);
        ctx.close();
    }
}
