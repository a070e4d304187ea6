package dev.jvirt.qmpclient;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends commands that carry a file descriptor, one at a time. QEMU keeps only the descriptors of
 * its most recent read and closes older ones it has not claimed, so the next descriptor goes out
 * only once the previous command has been answered. The bytes go out with {@code sendmsg(2)}
 * through {@link CommandWriter#sendWithFd}, which refuses while earlier bytes are still queued
 * in the event loop, so they never overtake or split a command written earlier. Commands
 * without a descriptor are not held back behind them. Event-loop only.
 */
final class FdRequestQueue {
    private static final Logger log = LoggerFactory.getLogger(FdRequestQueue.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String peer;
    private final ArrayDeque<QmpRequest> queue = new ArrayDeque<>();
    private QmpRequest inFlight;
    private CommandWriter writer;

    FdRequestQueue(String peer) {
        this.peer = peer;
    }

    void use(CommandWriter writer) {
        this.writer = writer;
    }

    void submit(ChannelHandlerContext ctx, QmpRequest request) {
        queue.add(request);
        next(ctx);
    }

    void fail(RuntimeException cause) {
        QmpRequest request;
        while ((request = queue.poll()) != null) {
            request.future().completeExceptionally(cause);
        }
    }

    private void next(ChannelHandlerContext ctx) {
        while (inFlight == null && !queue.isEmpty()) {
            QmpRequest request = queue.poll();
            if (request.future().isDone()) {
                continue; // timed out while waiting for its turn
            }
            inFlight = request;
            request.future().whenComplete((value, error) -> ctx.executor().execute(() -> {
                inFlight = null;
                next(ctx);
            }));
            sendWhenDrained(ctx, request);
        }
    }

    private void sendWhenDrained(ChannelHandlerContext ctx, QmpRequest request) {
        if (request.future().isDone() || !ctx.channel().isActive()) {
            return;
        }
        byte[] bytes;
        try {
            ByteBuf buf = Unpooled.buffer();
            QmpMessageEncoder.write(MAPPER, request, buf);
            bytes = ByteBufUtil.getBytes(buf);
            buf.release();
        } catch (IOException e) {
            request.future().completeExceptionally(new QmpException("could not encode '" + request.command() + "'", e));
            return;
        }
        log.debug("{} -> {} (with fd {})", peer, new String(bytes, 0, bytes.length - 2,
                java.nio.charset.StandardCharsets.UTF_8), request.fd());
        CommandWriter.FdSend outcome = writer.sendWithFd(bytes, request.fd(), cause -> request.future().completeExceptionally(
                new QmpConnectionLostException("could not pass a file descriptor to " + peer + " with '"
                        + request.command() + "': " + cause.getMessage(), cause)));
        if (outcome == CommandWriter.FdSend.NOT_NOW) {
            ctx.executor().schedule(() -> sendWhenDrained(ctx, request), 1, TimeUnit.MILLISECONDS);
        }
    }
}
