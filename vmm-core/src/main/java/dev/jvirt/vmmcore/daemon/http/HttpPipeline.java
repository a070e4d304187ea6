package dev.jvirt.vmmcore.daemon.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.List;

/**
 * Per connection: the HTTP/1.1 codec, timeouts, bounded aggregation of bodies, one request at a
 * time to the dispatcher. The connection never reads on its own (auto-read off): the dispatcher
 * asks for the next request once the answer to the last one is written, and
 * {@link OneRequestAtATime} hands on one decoded request per ask, so pipelined requests are
 * served one after another and answered in the order they came.
 */
public final class HttpPipeline extends ChannelInitializer<Channel> {
    static final List<String> HTTP_HANDLERS = List.of("http", "timeouts", "aggregate", "flow", "dispatch");
    private final HttpDispatcher dispatcher;
    private final HttpLimits limits;

    public HttpPipeline(HttpDispatcher dispatcher, HttpLimits limits) {
        this.dispatcher = dispatcher;
        this.limits = limits;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.config().setAutoRead(false);
        ch.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast("timeouts", new RequestTimeouts(limits.requestTimeout(), limits.idleTimeout()))
                .addLast("aggregate", new BoundedAggregator(limits.maxBody(), limits.drainLimit()))
                .addLast("flow", new OneRequestAtATime())
                .addLast("dispatch", dispatcher);
    }
}
