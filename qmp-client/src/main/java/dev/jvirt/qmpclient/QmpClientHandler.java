package dev.jvirt.qmpclient;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol state of one connection: waits for the greeting, matches replies to pending
 * commands by id, enforces per-command timeouts, dispatches events, and fails everything at
 * once when the connection goes. All state is touched on the channel's event loop only, and
 * futures are completed there (callers wait; no extra thread hop).
 */
public final class QmpClientHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(QmpClientHandler.class);
    private static final int REMEMBERED_EXPIRED_IDS = 1024;
    private static final long SWEEP_MILLIS = 25;

    private final String peer;
    private final long greetingTimeoutNanos;
    private final CompletableFuture<QmpMessage.Greeting> greeting = new CompletableFuture<>();
    private final CompletableFuture<QmpConnectionLostException> lost = new CompletableFuture<>();
    private final Map<Long, QmpRequest> pending = new HashMap<>();
    private final LinkedHashSet<Long> expired = new LinkedHashSet<>();
    private final List<QmpEventListener> listeners = new CopyOnWriteArrayList<>();
    private final FdRequestQueue fdQueue;
    private final List<QmpRequest> deadlines = new ArrayList<>();
    private ScheduledFuture<?> sweep;
    private Throwable closeCause;

    public QmpClientHandler(String peer, long greetingTimeoutNanos) {
        this.peer = peer;
        this.greetingTimeoutNanos = greetingTimeoutNanos;
        this.fdQueue = new FdRequestQueue(peer);
    }

    /** Completes with QEMU's greeting, or fails (timeout, protocol error, connection lost). */
    public CompletableFuture<QmpMessage.Greeting> greeting() {
        return greeting;
    }

    /** Completes once the connection is gone, with the exception pending commands failed with. */
    public CompletableFuture<QmpConnectionLostException> connectionLost() {
        return lost;
    }

    QmpSubscription subscribe(QmpEventListener listener) {
        listeners.add(listener);
        QmpConnectionLostException gone = lost.getNow(null);
        if (gone != null && listeners.remove(listener)) {
            listener.onConnectionLost(gone);
        }
        return () -> listeners.remove(listener);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.executor().schedule(() -> {
            if (greeting.completeExceptionally(new QmpTimeoutException("no QMP greeting from " + peer + " within "
                    + TimeUnit.NANOSECONDS.toMillis(greetingTimeoutNanos) + " ms (is another client connected?)"))) {
                ctx.close();
            }
        }, greetingTimeoutNanos, TimeUnit.NANOSECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof QmpRequest request)) {
            ctx.write(msg, promise);
            return;
        }
        if (lost.isDone()) {
            request.future().completeExceptionally(lost.join());
            promise.setSuccess();
            return;
        }
        pending.put(request.id(), request);
        if (request.timeoutNanos() > 0) {
            deadlines.add(request);
            if (sweep == null) {
                sweep = ctx.executor().scheduleWithFixedDelay(this::expireOverdue, SWEEP_MILLIS, SWEEP_MILLIS,
                        TimeUnit.MILLISECONDS);
            }
        }
        if (request.passesFd()) {
            promise.setSuccess();
            fdQueue.submit(ctx, request);
            return;
        }
        ctx.write(request, promise).addListener(f -> {
            if (!f.isSuccess() && pending.remove(request.id()) != null) {
                request.future().completeExceptionally(
                        new QmpConnectionLostException("could not send '" + request.command() + "' to " + peer, f.cause()));
            }
        });
    }

    /**
     * One periodic sweep per connection instead of a timer per command: cheaper on the event
     * loop; a timeout fires up to {@value #SWEEP_MILLIS} ms late.
     */
    private void expireOverdue() {
        long now = System.nanoTime();
        List<QmpRequest> overdue = new ArrayList<>();
        deadlines.removeIf(request -> {
            if (request.future().isDone()) {
                return true;
            }
            if (now - request.sentNanos() >= request.timeoutNanos()) {
                overdue.add(request);
                return true;
            }
            return false;
        });
        overdue.forEach(this::expire);
        if (deadlines.isEmpty() && sweep != null) {
            sweep.cancel(false);
            sweep = null;
        }
    }

    private void expire(QmpRequest request) {
        if (pending.remove(request.id()) == null) {
            return;
        }
        expired.add(request.id());
        if (expired.size() > REMEMBERED_EXPIRED_IDS) {
            expired.remove(expired.iterator().next());
        }
        request.future().completeExceptionally(new QmpTimeoutException("QMP command '" + request.command()
                + "' got no reply from " + peer + " within " + TimeUnit.NANOSECONDS.toMillis(request.timeoutNanos()) + " ms"));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof QmpEvent event) {
            dispatch(event);
        } else if (msg instanceof QmpMessage.Return reply) {
            QmpRequest request = claim(ctx, reply.id(), "a reply");
            if (request != null) {
                request.future().complete(reply.value());
            }
        } else if (msg instanceof QmpMessage.Error error) {
            QmpRequest request = claim(ctx, error.id(), "an error (" + error.errorClass() + ": " + error.description() + ")");
            if (request != null) {
                log.debug("{}: '{}' failed: {}: {}", peer, request.command(), error.errorClass(), error.description());
                request.future().completeExceptionally(
                        new QmpCommandException(request.command(), error.errorClass(), error.description()));
            }
        } else if (msg instanceof QmpMessage.Greeting hello) {
            if (!greeting.complete(hello)) {
                protocolError(ctx, new QmpProtocolException(peer + " sent a second QMP greeting"));
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private QmpRequest claim(ChannelHandlerContext ctx, JsonNode id, String what) {
        if (id == null || !id.canConvertToLong()) {
            protocolError(ctx, new QmpProtocolException(peer + " sent " + what + " without a known id"));
            return null;
        }
        long key = id.asLong();
        QmpRequest request = pending.remove(key);
        if (request == null) {
            if (expired.remove(key)) {
                log.debug("{}: late reply to command {} that had timed out; ignored", peer, key);
            } else {
                protocolError(ctx, new QmpProtocolException(peer + " sent " + what + " for command id " + key
                        + ", which was never sent"));
            }
        }
        return request;
    }

    private void dispatch(QmpEvent event) {
        for (QmpEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("QMP event listener failed on {} from {}", event.name(), peer, e);
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable real = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (real instanceof QmpProtocolException protocol && ctx.channel().isActive()) {
            protocolError(ctx, protocol);
        } else {
            log.debug("{}: QMP connection failed", peer, real);
            if (closeCause == null) {
                closeCause = real;
            }
            ctx.close();
        }
    }

    /** The stream cannot be trusted any more: fail what is pending with the reason, then close. */
    private void protocolError(ChannelHandlerContext ctx, QmpProtocolException error) {
        log.debug("{}: QMP protocol error", peer, error);
        if (closeCause == null) {
            closeCause = error;
        }
        greeting.completeExceptionally(error);
        failPending(error);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        String reason = closeCause == null ? "closed" : "lost: " + closeCause.getMessage();
        QmpConnectionLostException gone = new QmpConnectionLostException("QMP connection to " + peer + " " + reason, closeCause);
        greeting.completeExceptionally(gone);
        if (sweep != null) {
            sweep.cancel(false);
        }
        deadlines.clear();
        failPending(gone);
        fdQueue.fail(gone);
        if (lost.complete(gone)) {
            for (QmpEventListener listener : listeners) {
                try {
                    listener.onConnectionLost(gone);
                } catch (RuntimeException e) {
                    log.warn("QMP event listener failed on connection loss of {}", peer, e);
                }
            }
            listeners.clear();
        }
        super.channelInactive(ctx);
    }

    private void failPending(RuntimeException cause) {
        List<QmpRequest> failed = new ArrayList<>(pending.values());
        pending.clear();
        for (QmpRequest request : failed) {
            request.future().completeExceptionally(cause);
        }
    }
}
