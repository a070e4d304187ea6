package dev.jvirt.vmmcore.daemon.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.List;

/** Per connection: HTTP/1.1 codec, aggregation of bodies up to a bound, then the dispatcher. */
public final class HttpPipeline extends ChannelInitializer<Channel> {
    /** Request bodies larger than this (domain XML is a few KiB) are refused with 413. */
    public static final int MAX_BODY = 8 << 20;
    static final List<String> HTTP_HANDLERS = List.of("http", "aggregate", "dispatch");
    private final HttpDispatcher dispatcher;

    public HttpPipeline(HttpDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast("aggregate", new HttpObjectAggregator(MAX_BODY))
                .addLast("dispatch", dispatcher);
    }
}
