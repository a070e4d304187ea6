package dev.jvirt.qmpclient;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connects, retrying with bounded backoff, then runs the greeting / capabilities handshake. */
final class QmpConnector {
    private static final Logger log = LoggerFactory.getLogger(QmpConnector.class);
    private static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final EventLoopGroup group;
    private final ChannelGroup channels;
    private final ObjectMapper mapper;

    QmpConnector(EventLoopGroup group, ChannelGroup channels, ObjectMapper mapper) {
        this.group = group;
        this.channels = channels;
        this.mapper = mapper;
    }

    CompletableFuture<QmpConnection> connect(Path socket, QmpConnectOptions options) {
        CompletableFuture<QmpConnection> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        attempt(socket, options, deadline, FIRST_RETRY_NANOS, result);
        return result;
    }

    private void attempt(Path socket, QmpConnectOptions options, long deadline, long backoff,
                         CompletableFuture<QmpConnection> result) {
        QmpClientHandler handler = new QmpClientHandler(socket.toString(), options.handshakeTimeout().toNanos());
        CompletableFuture<CommandWriter> writer = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(EpollDomainSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // The writer's descriptor is duplicated here, before the connect: once
                        // connected, the event loop may read (and, on a bad greeting, close the
                        // channel) before a listener on the connect future runs.
                        try {
                            CommandWriter w = CommandWriter.open(ch, socket.toString());
                            handler.use(w);
                            writer.complete(w);
                        } catch (QmpException e) {
                            writer.completeExceptionally(e);
                            ch.close();
                            return;
                        }
                        // Commands leave through CommandWriter, as bytes: usually written by the
                        // caller's thread; the pipeline's outbound side sees only what the socket
                        // could not take at once, and commands that pass a descriptor. Those
                        // written in a burst leave in one write(2) call.
                        ch.pipeline().addLast("flush", new FlushConsolidationHandler(256, true))
                                .addLast("frames", new QmpFrameDecoder())
                                .addLast("messages", new QmpMessageDecoder(mapper))
                                .addLast("client", handler);
                    }
                });
        ChannelFuture connecting = bootstrap.connect(new DomainSocketAddress(socket.toString()));
        connecting.addListener(f -> {
            if (writer.isCompletedExceptionally()) {
                // the descriptor could not be duplicated (out of descriptors?): no retry helps
                result.completeExceptionally(writer.handle((w, e) -> e).join());
                return;
            }
            if (f.isSuccess()) {
                channels.add(connecting.channel());
                handshake(socket, options, connecting.channel(), handler, writer.getNow(null), result);
                return;
            }
            long now = System.nanoTime();
            if (now + backoff >= deadline || group.isShuttingDown()) {
                result.completeExceptionally(new QmpConnectException("could not connect to QMP socket " + socket
                        + " within " + options.connectTimeout().toMillis() + " ms: " + f.cause().getMessage(), f.cause()));
                return;
            }
            log.debug("QMP socket {} not ready ({}); retrying in {} ms", socket, f.cause().getMessage(),
                    TimeUnit.NANOSECONDS.toMillis(backoff));
            try {
                group.next().schedule(() -> attempt(socket, options, deadline, Math.min(backoff * 2, MAX_RETRY_NANOS), result),
                        backoff, TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                result.completeExceptionally(new QmpConnectException("QMP client closed while connecting to " + socket, e));
            }
        });
    }

    private void handshake(Path socket, QmpConnectOptions options, Channel channel, QmpClientHandler handler,
                           CommandWriter writer, CompletableFuture<QmpConnection> result) {
        handler.greeting().thenCompose(greeting -> {
            QmpConnection connection = new QmpConnection(socket, channel, handler, writer,
                    new QmpMessageEncoder(mapper, socket.toString()), greeting, options.commandTimeout());
            return connection.execute("qmp_capabilities", null, options.handshakeTimeout()).thenApply(ok -> connection);
        }).whenComplete((connection, error) -> {
            if (error == null) {
                log.debug("QMP connected to {} (QEMU {})", socket, connection.version());
                result.complete(connection);
            } else {
                channel.close();
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                result.completeExceptionally(cause);
            }
        });
    }
}
