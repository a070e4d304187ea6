package dev.jvirt.console.hub;

import dev.jvirt.console.CloseReason;
import dev.jvirt.console.ConsoleBusyException;
import dev.jvirt.console.ConsoleMode;
import dev.jvirt.console.ConsoleUnavailableException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's end of one running guest's serial console: the reader of QEMU's console chardev
 * ({@link ConsoleEndpoint}: FIFOs for a serial port, a unix socket for a virtio console) that
 * reads it continuously (FIFOs on the process's one {@link ConsolePoller} thread, a socket on a
 * thread of its own), so the guest never waits on a full buffer; writes
 * the rotated {@link ConsoleLog} (which also serves as the history late clients ask for: no copy
 * of the output is held in memory), and fans the output out to
 * attached {@link ConsoleSession}s, each behind a bounded queue. At most one session writes.
 *
 * <p>The daemon makes one with {@link #start} after launching QEMU (before {@code cont}, so no
 * output is missed) or with {@link #reconnect} when it finds a running guest after a restart;
 * for a serial port it first swaps QEMU's chardev to new {@link ConsoleFifos}.
 * The hub ends by itself when QEMU closes its end (QEMU exited) (every session is told GUEST_STOPPED), or
 * by {@link #close()} (HUB_CLOSED).
 */
public final class ConsoleHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHub.class);

    private final HubConfig config;
    private final GuestLink link;
    private final ConsoleLog log;
    private final GuestInput input;
    private final CompletableFuture<CloseReason> ended = new CompletableFuture<>();
    private final AtomicLong bytesFromGuest = new AtomicLong();
    private final List<HubSession> sessions = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile boolean closing;
    /** On reconnect the log's tail is this run's earlier output; on a fresh start, the last run's. */
    private final boolean earlierOutputIsHistory;

    // guarded by lock
    private HubSession writer;
    private CloseReason endReason;
    private long nextId = 1;

    private ConsoleHub(HubConfig config, GuestLink link, ConsoleLog log, boolean earlierOutputIsHistory) {
        this.config = config;
        this.link = link;
        this.log = log;
        this.earlierOutputIsHistory = earlierOutputIsHistory;
        this.input = new GuestInput(link.toGuest(), config.domain(), config.maxInputBytes());
    }

    /** Connects to a freshly started guest's console on a unix socket; history starts with its first byte. */
    public static ConsoleHub start(HubConfig config) {
        return open(config, false, () -> GuestLink.open(config.endpoint(), config.domain(), config.connectTimeout()));
    }

    /**
     * Reads a freshly started guest's console from {@code fifos}, which QEMU's chardev now holds
     * (see {@link ConsoleFifos}); history starts with its first byte. The hub owns the FIFOs from here on.
     */
    public static ConsoleHub start(HubConfig config, ConsoleFifos fifos) {
        return open(config.withEndpoint(fifos.endpoint()), false, () -> linkFifos(config, fifos));
    }

    /**
     * Connects to the console of a guest that ran while no hub was connected (daemon restart):
     * history includes the log from before, so late clients still see earlier output. (What
     * the guest printed while nobody read is gone.)
     */
    public static ConsoleHub reconnect(HubConfig config) {
        return open(config, true, () -> GuestLink.open(config.endpoint(), config.domain(), config.connectTimeout()));
    }

    /** {@link #reconnect(HubConfig)} for a serial console whose chardev was swapped to new {@code fifos}. */
    public static ConsoleHub reconnect(HubConfig config, ConsoleFifos fifos) {
        return open(config.withEndpoint(fifos.endpoint()), true, () -> linkFifos(config, fifos));
    }

    private static GuestLink linkFifos(HubConfig config, ConsoleFifos fifos) {
        try {
            return fifos.link(config.domain());
        } catch (IOException e) {
            fifos.close();
            throw new ConsoleUnavailableException("cannot open the console (" + fifos.endpoint() + ") of domain '"
                    + config.domain() + "': " + e.getMessage() + " (is the domain running?)", e);
        }
    }

    private static ConsoleHub open(HubConfig config, boolean earlierOutputIsHistory,
                                   java.util.function.Supplier<GuestLink> connect) {
        GuestLink link = connect.get();
        try {
            ConsoleLog log = ConsoleLog.open(config.logFile(), config.logFileBytes(), config.logKeep());
            ConsoleHub hub = new ConsoleHub(config, link, log, earlierOutputIsHistory);
            link.fromGuest().start(hub.new Reader());
            LOG.info("console of domain '{}' connected ({})", config.domain(), config.endpoint());
            return hub;
        } catch (IOException | RuntimeException e) {
            link.close();
            throw new ConsoleUnavailableException("cannot open the console log " + config.logFile() + " of domain '"
                    + config.domain() + "': " + e.getMessage(), e);
        }
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
     * at a line start) is delivered first, then
     * live output, with nothing lost or repeated in between.
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
                byte[] history = wholeLineHistory(Math.min(request.historyBytes(), config.historyBytes()));
                if (history.length > 0) {
                    session.offer(history);
                }
            }
            sessions.add(session);
            return session;
        }
    }

    /** The recent output (at most {@link HubConfig#historyBytes()}), oldest first, from the log. */
    public byte[] recentOutput() {
        synchronized (lock) {
            return history(config.historyBytes());
        }
    }

    /**
     * The last {@code max} bytes of the log (the page cache is the hub's ring: no copy of the
     * output is kept in memory). Called under the lock, which the reader holds while it writes
     * the log and hands a chunk to sessions, so history and live output neither overlap nor miss.
     */
    private byte[] history(int max) {
        int n = earlierOutputIsHistory ? max : (int) Math.min(max, bytesFromGuest.get());
        if (n == 0) {
            return new byte[0];
        }
        try {
            return ConsoleLogReader.tail(config.logFile(), n);
        } catch (IOException e) {
            LOG.warn("console log {} of domain '{}' cannot be read for history: {}", config.logFile(), config.domain(),
                    e.toString());
            return new byte[0];
        }
    }

    /**
     * At most {@code max} bytes of history that begin at a line start: one byte more is read and
     * everything up to and including the first line feed is dropped (the partial line; with the
     * extra byte, a window that begins exactly at a line start keeps its first line), unless the
     * history reaches back to the beginning (nothing is cut then). No line feed at all: none.
     */
    private byte[] wholeLineHistory(int max) {
        int asked = max == Integer.MAX_VALUE ? max : max + 1;
        byte[] tail = history(asked);
        if (tail.length < asked) {
            return tail; // the whole of it: starts with the first byte
        }
        for (int i = 0; i < tail.length; i++) {
            if (tail[i] == '\n') {
                return java.util.Arrays.copyOfRange(tail, i + 1, tail.length);
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

    /** Completes when the hub ends: GUEST_STOPPED when QEMU closed the socket, HUB_CLOSED after {@link #close()}. */
    public CompletionStage<CloseReason> ended() {
        return ended;
    }

    /** Disconnects from QEMU (the guest keeps running); sessions are told HUB_CLOSED. Waits up to 5 s for that. */
    @Override
    public void close() {
        closing = true;
        link.close();
        try {
            ended.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("console of domain '{}' did not end within 5 s of closing", config.domain());
        }
    }

    CompletableFuture<Void> sendToGuest(byte[] bytes) {
        return input.send(bytes);
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

    /** Takes the guest's output: log, then every session, under the lock that attach takes. */
    private final class Reader implements GuestOutput.Sink {
        private boolean logBroken;

        @Override
        public void output(byte[] chunk) {
            synchronized (lock) {
                bytesFromGuest.addAndGet(chunk.length); // with the log write: history never reaches past this run
                if (!logBroken) {
                    try {
                        log.write(chunk, 0, chunk.length);
                    } catch (IOException e) {
                        logBroken = true;
                        LOG.warn("console log {} of domain '{}' cannot be written; output goes on without it"
                                + " (and without history for new clients): {}", log.file(), config.domain(), e.toString());
                    }
                }
                for (HubSession s : sessions) {
                    s.offer(chunk);
                }
            }
        }

        @Override
        public void ended() {
            end(closing ? CloseReason.HUB_CLOSED : CloseReason.GUEST_STOPPED);
        }
    }

    private void end(CloseReason reason) {
        List<HubSession> toEnd;
        synchronized (lock) {
            endReason = reason;
            writer = null;
            toEnd = List.copyOf(sessions);
            sessions.clear();
        }
        for (HubSession s : toEnd) {
            s.end(reason, reason.describe(config.domain()));
        }
        input.shutdown();
        link.close();
        try {
            log.close();
        } catch (IOException e) {
            LOG.debug("closing the console log of domain '{}'", config.domain(), e);
        }
        LOG.info("console of domain '{}' ended: {}", config.domain(), reason);
        ended.complete(reason);
    }
}
