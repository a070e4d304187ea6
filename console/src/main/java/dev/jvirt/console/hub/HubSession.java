package dev.jvirt.console.hub;

import dev.jvirt.console.CloseReason;
import dev.jvirt.console.ConsoleException;
import dev.jvirt.console.ConsoleMode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's bounded output queue and its delivery to the listener. The hub's reader only
 * appends ({@link #offer}), which never blocks; delivery runs on the executor, one listener call
 * at a time. When the queued plus unacknowledged bytes pass the lag bound, the session is dropped.
 */
final class HubSession implements ConsoleSession {

    private static final Logger LOG = LoggerFactory.getLogger(HubSession.class);
    private static final int MAX_BATCH = 64 * 1024;

    private final ConsoleHub hub;
    private final long id;
    private final ConsoleMode mode;
    private final ConsoleListener listener;
    private final Executor executor;
    private final int maxLag;
    /** Set while the session's history is on its way: live output is in it, so none is queued. Hub's lock. */
    boolean awaitingHistory;

    // guarded by this
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private long pending; // queued + handed to the listener and not yet completed
    private boolean draining;
    private boolean inFlight;
    private CloseReason closeReason;
    private String closeMessage;
    private boolean closeDelivered;

    HubSession(ConsoleHub hub, long id, ConsoleMode mode, ConsoleListener listener, Executor executor, int maxLag) {
        this.hub = hub;
        this.id = id;
        this.mode = mode;
        this.listener = listener;
        this.executor = executor;
        this.maxLag = maxLag;
    }

    @Override
    public ConsoleMode mode() {
        return mode;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public CompletionStage<Void> write(byte[] keystrokes) {
        if (mode != ConsoleMode.READ_WRITE) {
            return CompletableFuture.failedFuture(new ConsoleException("this console session is read-only"));
        }
        if (!isOpen()) {
            return CompletableFuture.failedFuture(new ConsoleException("this console session is closed"));
        }
        return hub.sendToGuest(keystrokes);
    }

    @Override
    public synchronized boolean isOpen() {
        return closeReason == null;
    }

    @Override
    public void close() {
        hub.detach(this, CloseReason.DETACHED);
    }

    /** Queues output; drops the session when it is too far behind. Never blocks. */
    void offer(byte[] output) {
        boolean tooSlow;
        synchronized (this) {
            if (closeReason != null) {
                return;
            }
            tooSlow = pending + output.length > maxLag;
            if (!tooSlow) {
                queue.addLast(output);
                pending += output.length;
            }
        }
        if (tooSlow) {
            LOG.info("console session {} fell more than {} bytes behind; dropping it", id, maxLag);
            hub.detach(this, CloseReason.TOO_SLOW);
        } else {
            scheduleDrain();
        }
    }

    /** Ends the session: the listener hears {@code reason} after the queued output (none for TOO_SLOW). */
    void end(CloseReason reason, String message) {
        synchronized (this) {
            if (closeReason != null) {
                return;
            }
            closeReason = reason;
            closeMessage = message;
            if (reason == CloseReason.TOO_SLOW) {
                queue.clear();
            }
        }
        scheduleDrain();
    }

    private void scheduleDrain() {
        synchronized (this) {
            if (draining || inFlight) {
                return;
            }
            draining = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RuntimeException e) {
            LOG.warn("cannot deliver console output of session {}", id, e);
            synchronized (this) {
                draining = false;
            }
        }
    }

    private void drain() {
        while (true) {
            byte[] batch;
            boolean deliverClose = false;
            synchronized (this) {
                if (queue.isEmpty()) {
                    draining = false;
                    if (closeReason != null && !closeDelivered && !inFlight) {
                        closeDelivered = true;
                        deliverClose = true;
                    } else {
                        return;
                    }
                    batch = null;
                } else {
                    batch = takeBatch();
                    inFlight = true;
                }
            }
            if (deliverClose) {
                try {
                    listener.onClosed(closeReason, closeMessage);
                } catch (RuntimeException e) {
                    LOG.warn("console listener of session {} failed on close", id, e);
                }
                return;
            }
            CompletionStage<?> done;
            try {
                done = listener.onOutput(batch);
            } catch (RuntimeException e) {
                LOG.debug("console listener of session {} failed; detaching it", id, e);
                done = CompletableFuture.completedFuture(null);
                hub.detach(this, CloseReason.DETACHED);
            }
            int size = batch.length;
            CompletableFuture<?> f = done.toCompletableFuture();
            if (!f.isDone()) {
                synchronized (this) {
                    draining = false;
                }
                f.whenComplete((r, e) -> delivered(size, e));
                return;
            }
            synchronized (this) {
                inFlight = false;
                pending -= size;
            }
            if (f.isCompletedExceptionally()) {
                hub.detach(this, CloseReason.DETACHED);
            }
        }
    }

    private void delivered(int size, Throwable failure) {
        synchronized (this) {
            inFlight = false;
            pending -= size;
        }
        if (failure != null) {
            LOG.debug("console output to session {} failed; detaching it", id, failure);
            hub.detach(this, CloseReason.DETACHED);
        }
        scheduleDrain();
    }

    /** Coalesces queued chunks into one array of at most MAX_BATCH bytes (a single large chunk passes as is). */
    private byte[] takeBatch() {
        byte[] first = queue.removeFirst();
        if (queue.isEmpty() || first.length >= MAX_BATCH) {
            return first;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(MAX_BATCH, (int) pending));
        out.write(first, 0, first.length);
        while (!queue.isEmpty() && out.size() + queue.peekFirst().length <= MAX_BATCH) {
            byte[] next = queue.removeFirst();
            out.write(next, 0, next.length);
        }
        return out.toByteArray();
    }
}
