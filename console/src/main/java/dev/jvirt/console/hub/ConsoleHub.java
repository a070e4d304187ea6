package dev.jvirt.console.hub;

import dev.jvirt.console.CloseReason;
import dev.jvirt.console.ConsoleBusyException;
import dev.jvirt.console.ConsoleException;
import dev.jvirt.console.ConsoleMode;
import dev.jvirt.console.ConsoleUnavailableException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's end of one running guest's console: takes the output the console keeper streams
 * over its {@link GuestLink} (the keeper has written it to the log already) and fans it out to
 * attached {@link ConsoleSession}s, each behind a bounded queue. At most one session writes; its
 * keystrokes go back over the link. History for a late client is the log's tail, asked of the
 * keeper in the stream (no copy of the output is held in memory).
 *
 * <p>The daemon makes one with {@link #open} once the keeper keeps the guest's console (before
 * {@code cont} for a fresh guest, so no output is missed; after a daemon restart, over the console
 * the keeper kept meanwhile). The hub ends by itself when the guest stops (every session is told
 * GUEST_STOPPED), or by {@link #close()} (HUB_CLOSED; the guest and its log go on).
 */
public final class ConsoleHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHub.class);

    private final HubConfig config;
    private final GuestLink link;
    private final CompletableFuture<CloseReason> ended = new CompletableFuture<>();
    private final AtomicLong bytesFromGuest = new AtomicLong();
    private final AtomicLong inputBacklog = new AtomicLong();
    private final List<HubSession> sessions = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile boolean closing;

    // guarded by lock
    private final Deque<Pending> pendingHistory = new ArrayDeque<>();
    private HubSession writer;
    private CloseReason endReason;
    private long nextId = 1;

    /** A history request in flight: for a session (cut at a line start) or for {@link #recentOutput}. */
    private record Pending(HubSession session, int asked, CompletableFuture<byte[]> raw) {
    }

    private ConsoleHub(HubConfig config, GuestLink link) {
        this.config = config;
        this.link = link;
    }

    /** Starts fanning out what {@code link} delivers. */
    public static ConsoleHub open(HubConfig config, GuestLink link) {
        ConsoleHub hub = new ConsoleHub(config, link);
        link.start(hub.new Reader());
        LOG.info("console of domain '{}' connected", config.domain());
        return hub;
    }

    public String domain() {
        return config.domain();
    }

    /** Attaches as {@code mode} without force or history. */
    public ConsoleSession attach(ConsoleMode mode, ConsoleListener listener) {
        return attach(new AttachRequest(mode, false, 0), listener);
    }

    /**
     * Attaches a client. The requested history (up to {@link HubConfig#historyBytes()}, beginning
     * at a line start) is delivered first, then live output, with nothing lost or repeated in
     * between: until the keeper's answer arrives the session takes no live output, since all of
     * it is in the answer.
     *
     * @throws ConsoleBusyException         a writer is attached and the request has no force
     * @throws ConsoleUnavailableException  the guest stopped or the hub was closed
     */
    public ConsoleSession attach(AttachRequest request, ConsoleListener listener) {
        synchronized (lock) {
            if (endReason != null) {
                throw new ConsoleUnavailableException("domain '" + config.domain() + "' is not running: its console "
                        + (endReason == CloseReason.GUEST_STOPPED ? "closed when the guest stopped" : "is closed"));
            }
            HubSession session = new HubSession(this, nextId++, request.mode(), listener, config.delivery(),
                    config.maxLagBytes());
            if (request.mode() == ConsoleMode.READ_WRITE) {
                if (writer != null && !request.force()) {
                    throw new ConsoleBusyException(config.domain());
                }
                if (writer != null) {
                    LOG.info("console of domain '{}': session {} takes over from session {}", config.domain(),
                            session.id(), writer.id());
                    detach(writer, CloseReason.TAKEN_OVER);
                }
                writer = session;
            }
            if (request.historyBytes() > 0) {
                int max = Math.min(request.historyBytes(), config.historyBytes());
                int asked = max == Integer.MAX_VALUE ? max : max + 1;
                session.awaitingHistory = true;
                pendingHistory.add(new Pending(session, asked, null));
                link.requestHistory(asked);
            }
            sessions.add(session);
            return session;
        }
    }

    /** The recent output (at most {@link HubConfig#historyBytes()}, this run's), oldest first, from the log. */
    public byte[] recentOutput() {
        CompletableFuture<byte[]> tail = new CompletableFuture<>();
        synchronized (lock) {
            if (endReason != null) {
                return new byte[0];
            }
            pendingHistory.add(new Pending(null, config.historyBytes(), tail));
            link.requestHistory(config.historyBytes());
        }
        try {
            return tail.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new byte[0];
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("console of domain '{}': no history from the keeper: {}", config.domain(), e.toString());
            return new byte[0];
        }
    }

    /**
     * At most {@code asked - 1} bytes of history that begin at a line start: everything up to and
     * including the first line feed of {@code tail} is dropped (the partial line; with the extra
     * byte asked for, a window that begins exactly at a line start keeps its first line), unless
     * the tail is shorter than asked (it reaches back to the run's beginning: nothing is cut). No
     * line feed at all: none.
     */
    static byte[] wholeLines(byte[] tail, int asked) {
        if (tail.length < asked || asked == Integer.MAX_VALUE) {
            return tail;
        }
        for (int i = 0; i < tail.length; i++) {
            if (tail[i] == '\n') {
                return Arrays.copyOfRange(tail, i + 1, tail.length);
            }
        }
        return new byte[0];
    }

    /** Bytes read from the guest since this hub connected. */
    public long bytesFromGuest() {
        return bytesFromGuest.get();
    }

    public int sessionCount() {
        return sessions.size();
    }

    public boolean hasWriter() {
        synchronized (lock) {
            return writer != null;
        }
    }

    public boolean isRunning() {
        return !ended.isDone();
    }

    /** Completes when the hub ends: GUEST_STOPPED when the guest stopped, HUB_CLOSED after {@link #close()}. */
    public CompletionStage<CloseReason> ended() {
        return ended;
    }

    /** Lets go of the stream (the guest keeps running, the keeper keeps its log); sessions are told HUB_CLOSED. */
    @Override
    public void close() {
        closing = true;
        link.close();
        try {
            ended.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("console of domain '{}' did not end within 5 s of closing", config.domain());
        }
    }

    CompletableFuture<Void> sendToGuest(byte[] bytes) {
        long max = config.maxInputBytes();
        if (inputBacklog.addAndGet(bytes.length) > max) {
            inputBacklog.addAndGet(-bytes.length);
            return CompletableFuture.failedFuture(new ConsoleException("domain '" + config.domain()
                    + "' is not reading its console input (" + max + " bytes waiting)"));
        }
        CompletableFuture<Void> sent;
        try {
            sent = link.send(bytes.clone());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((v, e) -> {
            inputBacklog.addAndGet(-bytes.length);
            if (e != null) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e;
                throw cause instanceof ConsoleException ce ? ce : new ConsoleException("cannot write to the console of"
                        + " domain '" + config.domain() + "': " + cause.getMessage(), cause);
            }
            return null;
        });
    }

    void detach(HubSession session, CloseReason reason) {
        synchronized (lock) {
            sessions.remove(session);
            if (writer == session) {
                writer = null;
            }
        }
        session.end(reason, reason.describe(config.domain()));
    }

    /** Takes what the link delivers, under the lock that attach takes. */
    private final class Reader implements GuestLink.Sink {

        @Override
        public void output(byte[] chunk) {
            synchronized (lock) {
                bytesFromGuest.addAndGet(chunk.length);
                for (HubSession s : sessions) {
                    if (!s.awaitingHistory) {
                        s.offer(chunk);
                    }
                }
            }
        }

        @Override
        public void history(byte[] tail) {
            synchronized (lock) {
                Pending p = pendingHistory.poll();
                if (p == null) {
                    return;
                }
                if (p.raw() != null) {
                    p.raw().complete(tail);
                    return;
                }
                byte[] lines = wholeLines(tail, p.asked());
                if (lines.length > 0) {
                    p.session().offer(lines);
                }
                p.session().awaitingHistory = false;
            }
        }

        @Override
        public void ended(String why) {
            if (why != null && !closing) {
                LOG.warn("console of domain '{}' lost: {}", config.domain(), why);
            }
            end(closing || why != null ? CloseReason.HUB_CLOSED : CloseReason.GUEST_STOPPED);
        }
    }

    private void end(CloseReason reason) {
        List<HubSession> toEnd;
        synchronized (lock) {
            if (endReason != null) {
                return;
            }
            endReason = reason;
            writer = null;
            toEnd = List.copyOf(sessions);
            sessions.clear();
            for (Pending p : pendingHistory) {
                if (p.raw() != null) {
                    p.raw().complete(new byte[0]);
                }
            }
            pendingHistory.clear();
        }
        for (HubSession s : toEnd) {
            s.end(reason, reason.describe(config.domain()));
        }
        LOG.info("console of domain '{}' ended: {}", config.domain(), reason);
        ended.complete(reason);
    }
}
