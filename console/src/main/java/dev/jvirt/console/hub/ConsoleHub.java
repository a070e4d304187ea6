package dev.jvirt.console.hub;

import dev.jvirt.console.CloseReason;
import dev.jvirt.console.ConsoleBusyException;
import dev.jvirt.console.ConsoleMode;
import dev.jvirt.console.ConsoleUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's end of one running guest's serial console: a client of QEMU's console chardev
 * ({@link ConsoleEndpoint}: a unix socket or FIFOs) that reads it continuously on a thread of its own (so the guest never waits on a full buffer), keeps
 * the recent output in a ring, writes the rotated {@link ConsoleLog}, and fans the output out to
 * attached {@link ConsoleSession}s, each behind a bounded queue. At most one session writes.
 *
 * <p>The daemon makes one with {@link #start} after launching QEMU (before {@code cont}, so no
 * output is missed) or with {@link #reconnect} when it finds a running guest after a restart.
 * The hub ends by itself when QEMU closes its end (QEMU exited) (every session is told GUEST_STOPPED), or
 * by {@link #close()} (HUB_CLOSED).
 */
public final class ConsoleHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHub.class);
    private static final int READ_BUFFER = 16 * 1024;
    /**
     * On FIFOs, after a short read (delivered at once), let output gather this long before the
     * next read: QEMU writes one byte per write(2) and each would wake the reader, whose CPU the
     * guest's vCPU then lacks on a busy host. The pipe holds 64 KiB, so the guest never waits.
     * (Not on a socket: its few hundred bytes of buffer would fill and stall the guest.)
     */
    private static final long FIFO_GATHER_MILLIS = 2;

    private final HubConfig config;
    private final GuestLink link;
    private final ConsoleLog log;
    private final GuestInput input;
    private final Thread reader;
    private final CompletableFuture<CloseReason> ended = new CompletableFuture<>();
    private final AtomicLong bytesFromGuest = new AtomicLong();
    private final List<HubSession> sessions = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile boolean closing;

    // guarded by lock
    private final OutputRing ring;
    private HubSession writer;
    private CloseReason endReason;
    private long nextId = 1;

    private ConsoleHub(HubConfig config, GuestLink link, ConsoleLog log, byte[] seed) {
        this.config = config;
        this.link = link;
        this.log = log;
        this.ring = new OutputRing(config.ringBytes());
        ring.append(seed, 0, seed.length);
        this.input = new GuestInput(link.toGuest(), config.domain(), config.maxInputBytes());
        this.reader = new Thread(null, this::readLoop, "console-" + config.domain(), 256 * 1024);
        reader.setDaemon(true);
    }

    /** Connects to a freshly started guest's console; the ring starts empty. */
    public static ConsoleHub start(HubConfig config) {
        return open(config, false);
    }

    /**
     * Connects to the console of a guest that ran while no hub was connected (daemon restart):
     * the ring starts with the tail of the log so late clients still see earlier output. (QEMU
     * drops what the guest printed while nobody was connected, except in its own logfile.)
     */
    public static ConsoleHub reconnect(HubConfig config) {
        return open(config, true);
    }

    private static ConsoleHub open(HubConfig config, boolean seedFromLog) {
        GuestLink link = GuestLink.open(config.endpoint(), config.domain(), config.connectTimeout());
        try {
            byte[] seed = seedFromLog ? ConsoleLogReader.tail(config.logFile(), config.ringBytes()) : new byte[0];
            ConsoleLog log = ConsoleLog.open(config.logFile(), config.logFileBytes(), config.logKeep());
            ConsoleHub hub = new ConsoleHub(config, link, log, seed);
            hub.reader.start();
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
     * Attaches a client. The requested history (up to the ring's size) is delivered first, then
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
                byte[] history = ring.tail(request.historyBytes());
                if (history.length > 0) {
                    session.offer(history);
                }
            }
            sessions.add(session);
            return session;
        }
    }

    /** The recent output (at most the ring's size), oldest first. */
    public byte[] recentOutput() {
        synchronized (lock) {
            return ring.snapshot();
        }
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

    /** Disconnects from QEMU (the guest keeps running); sessions are told HUB_CLOSED. Waits for the reader to end. */
    @Override
    public void close() {
        closing = true;
        link.close();
        if (Thread.currentThread() != reader) {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocate(READ_BUFFER);
        boolean logBroken = false;
        boolean gather = config.endpoint() instanceof ConsoleEndpoint.Fifos;
        try {
            while (link.fromGuest().read(buf) >= 0) {
                if (buf.position() == 0) {
                    continue;
                }
                byte[] chunk = new byte[buf.position()];
                buf.flip().get(chunk);
                buf.clear();
                bytesFromGuest.addAndGet(chunk.length);
                if (!logBroken) {
                    try {
                        log.write(chunk, 0, chunk.length);
                    } catch (IOException e) {
                        logBroken = true;
                        LOG.warn("console log {} of domain '{}' cannot be written; output goes on without it: {}",
                                log.file(), config.domain(), e.toString());
                    }
                }
                synchronized (lock) {
                    ring.append(chunk, 0, chunk.length);
                    for (HubSession s : sessions) {
                        s.offer(chunk);
                    }
                }
                if (gather && chunk.length < READ_BUFFER / 4) {
                    Thread.sleep(FIFO_GATHER_MILLIS); // what was read went out at once; let more gather
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (!closing) {
                LOG.debug("console of domain '{}' failed", config.domain(), e);
            }
        } finally {
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
