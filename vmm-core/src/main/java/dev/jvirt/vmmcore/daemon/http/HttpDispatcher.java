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
 * the hypervisor), and writes the reply. One request at a time per connection: reading pauses
 * until the answer is out, so pipelined requests are answered in order.
 */
@ChannelHandler.Sharable
public final class HttpDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final RouteTable routes;
    private final Executor workers;
    private final AccessPolicy access;
    private final StreamWriter streams = new StreamWriter();

    public HttpDispatcher(RouteTable routes, Executor workers, AccessPolicy access) {
        this.routes = routes;
        this.workers = workers;
        this.access = access;
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
            writeError(ctx, ApiException.badRequest("malformed HTTP request: " + msg.decoderResult().cause()), false, entry);
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
                ByteBufUtil.getBytes(msg.content()), peer);
        ctx.channel().config().setAutoRead(false);
        try {
            workers.execute(() -> run(ctx, match.route().handler(), request, keepAlive, entry));
        } catch (RejectedExecutionException e) {
            writeError(ctx, new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "internal",
                    "jvirtd is stopping, or runs its maximum of concurrent requests",
                    "retry in a moment", e), false, entry);
        }
    }

    private void run(ChannelHandlerContext ctx, Handler handler, Request request, boolean keepAlive, RequestLog entry) {
        Reply reply;
        try {
            reply = handler.handle(request);
        } catch (Throwable t) {
            writeError(ctx, ErrorMapper.map(t), keepAlive, entry);
            return;
        }
        if (reply instanceof Reply.Full full) {
            write(ctx, full.status(), full.contentType(), full.body(), keepAlive, entry);
        } else if (reply instanceof Reply.Stream stream) {
            entry.done(200);
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
            if (!keepAlive || !f.isSuccess()) {
                f.channel().close();
            } else {
                f.channel().config().setAutoRead(true);
                f.channel().read();
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        RequestLog.connectionFailed(ctx.channel(), cause);
        ctx.close();
    }
}
