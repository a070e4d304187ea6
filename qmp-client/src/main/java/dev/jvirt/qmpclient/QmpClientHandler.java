package dev.jvirt.qmpclient;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol state of one connection: waits for the greeting, matches replies to pending
 * commands by id, enforces per-command timeouts, dispatches events, and fails everything at
 * once when the connection goes. Futures are completed on the channel's event loop (callers
 * wait; no extra thread hop).
 *
 * <p>Commands are {@linkplain #register registered} by the calling thread, before their bytes
 * are written ({@link CommandWriter}), so a reply can never arrive for an unknown id: the pending
 * map is concurrent. Each pending command is completed exactly once, by whoever removes it from
 * that map first (its reply, its timeout, or the connection's loss). Everything else is touched
 * on the event loop only.
 */
public final class QmpClientHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(QmpClientHandler.class);
    private static final int REMEMBERED_EXPIRED_IDS = 1024;
    private static final long SWEEP_MILLIS = 25;

    private final String peer;
    private final long greetingTimeoutNanos;
    private final CompletableFuture<QmpMessage.Greeting> greeting = new CompletableFuture<>();
    private final CompletableFuture<QmpConnectionLostException> lost = new CompletableFuture<>();
    private final Map<Long, QmpRequest> pending = new ConcurrentHashMap<>();
    private final LinkedHashSet<Long> expired = new LinkedHashSet<>();
    private final List<QmpEventListener> listeners = new CopyOnWriteArrayList<>();
    private final FdRequestQueue fdQueue;
    /** Whether the timeout sweep runs (or is about to); set by whoever starts it. */
    private final AtomicBoolean sweeping = new AtomicBoolean();
    /** Set, before pending commands are failed, once the channel is inactive. */
    private volatile QmpConnectionLostException gone;
    private volatile ChannelHandlerContext context;
    private ScheduledFuture<?> sweep;
    private Throwable closeCause;

    public QmpClientHandler(String peer, long greetingTimeoutNanos) {
        this.peer = peer;
        this.greetingTimeoutNanos = greetingTimeoutNanos;
        this.fdQueue = new FdRequestQueue(peer);
    }

    /** Lets commands that pass a file descriptor go out through {@code writer}; before any command. */
    void use(CommandWriter writer) {
        fdQueue.use(writer);
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
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
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

    /**
     * Makes {@code request} pending, from any thread, before its bytes are written. Returns
     * false, with the request failed, when the connection is already gone.
     */
    boolean register(QmpRequest request) {
        QmpConnectionLostException lostWith = gone;
        if (lostWith != null) {
            request.future().completeExceptionally(lostWith);
            return false;
        }
        pending.put(request.id(), request);
        // channelInactive sets gone, then fails what is pending: one of the two sides sees the other.
        lostWith = gone;
        if (lostWith != null) {
            if (pending.remove(request.id(), request)) {
                request.future().completeExceptionally(lostWith);
            }
            return false;
        }
        if (request.timeoutNanos() > 0 && sweeping.compareAndSet(false, true)) {
            try {
                context.executor().execute(this::startSweep);
            } catch (RejectedExecutionException e) {
                failToSend(request, e); // the client is closed
                return false;
            }
        }
        return true;
    }

    /** Fails a registered request that could not be sent, unless something else completed it first. */
    void failToSend(QmpRequest request, Throwable cause) {
        if (pending.remove(request.id(), request)) {
            request.future().completeExceptionally(new QmpConnectionLostException(
                    "could not send '" + request.command() + "' to " + peer, cause));
        }
    }

    /** Commands that pass a file descriptor are written here, on the event loop, already registered. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof QmpRequest request && request.passesFd()) {
            promise.setSuccess();
            fdQueue.submit(ctx, request);
        } else {
            ctx.write(msg, promise);
        }
    }

    private void startSweep() {
        sweep = context.executor().scheduleWithFixedDelay(this::expireOverdue, SWEEP_MILLIS, SWEEP_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * One periodic sweep per connection instead of a timer per command: cheaper on the event
     * loop; a timeout fires up to {@value #SWEEP_MILLIS} ms late. It stops once no command with
     * a timeout is pending; {@link #register} starts it again (one hop to the loop per idle spell).
     */
    private void expireOverdue() {
        if (expireAndCountTimed() > 0) {
            return;
        }
        stopSweep();
        sweeping.set(false);
        // A command registered since the count saw sweeping still true and started nothing.
        if (pending.values().stream().anyMatch(r -> r.timeoutNanos() > 0) && sweeping.compareAndSet(false, true)) {
            startSweep();
        }
    }

    /** Expires overdue commands; returns how many commands with a timeout are still pending. */
    private int expireAndCountTimed() {
        long now = System.nanoTime();
        int timed = 0;
        for (QmpRequest request : pending.values()) {
            if (request.timeoutNanos() <= 0) {
                continue;
            }
            if (now - request.sentNanos() >= request.timeoutNanos()) {
                expire(request);
            } else {
                timed++;
            }
        }
        return timed;
    }

    private void stopSweep() {
        if (sweep != null) {
            sweep.cancel(false);
            sweep = null;
        }
    }

    private void expire(QmpRequest request) {
        if (!pending.remove(request.id(), request)) {
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
        this.gone = gone;
        greeting.completeExceptionally(gone);
        stopSweep();
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
        for (QmpRequest request : pending.values()) {
            if (pending.remove(request.id(), request)) {
                request.future().completeExceptionally(cause);
            }
        }
    }
}
