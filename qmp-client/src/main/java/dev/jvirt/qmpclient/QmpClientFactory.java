package dev.jvirt.qmpclient;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The QMP client: one epoll event-loop group shared by every connection it opens. Create one per
 * process (jvirtd keeps one for all guests) and close it on shutdown; closing it closes every
 * connection it made.
 *
 * <pre>{@code
 * try (QmpClientFactory qmp = new QmpClientFactory()) {
 *     QmpConnection vm = qmp.connect(Path.of("/run/jvirt/qemu/vm1.qmp")).get();
 *     vm.subscribe(event -> log.info("{}", event.name()));
 *     QmpStatus status = vm.commands().queryStatus().get();
 *     vm.commands().cont().get();
 * }
 * }</pre>
 */
public final class QmpClientFactory implements AutoCloseable {
    private final int eventLoopThreads;
    private final Object lock = new Object();
    private Loops loops; // guarded by lock: null until the first connect
    private boolean closed; // guarded by lock

    /**
     * The event loops and what goes with them, made by the first {@link #connect}: a jvirtd with
     * no running guest then has no QMP thread and has loaded neither Netty's epoll transport nor
     * jackson-databind (start-up time and idle memory).
     */
    private record Loops(MultiThreadIoEventLoopGroup group, ChannelGroup channels, QmpConnector connector) {
    }

    /**
     * Four event-loop threads whatever the core count. QMP traffic is light, but since callers
     * write their own commands the loops only read replies, and when many callers wait at once
     * a loop thread is one runnable thread among them: with two loops on 2 cores the 50-connection
     * query-status median was 1.20-1.22x a blocking client's, with four 1.10x (bench/qmp.sh). An
     * idle loop costs no CPU and about 100 KiB.
     */
    public QmpClientFactory() {
        this(DEFAULT_EVENT_LOOPS);
    }

    /** The event-loop threads of {@link #QmpClientFactory()}. */
    public static final int DEFAULT_EVENT_LOOPS = 4;

    public QmpClientFactory(int eventLoopThreads) {
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("event-loop threads: " + eventLoopThreads);
        }
        this.eventLoopThreads = eventLoopThreads;
    }

    /** The loops, made now if this is the first use; null once closed. */
    private Loops loops() {
        synchronized (lock) {
            if (closed) {
                return null;
            }
            if (loops == null) {
                if (!Epoll.isAvailable()) {
                    Throwable cause = Epoll.unavailabilityCause();
                    throw new QmpException("the QMP client needs Netty's native epoll transport (Linux x86-64), which "
                            + "is unavailable here: " + (cause == null ? "unknown reason" : cause.getMessage()), cause);
                }
                MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(eventLoopThreads,
                        new DefaultThreadFactory("qmp", true), EpollIoHandler.newFactory());
                ChannelGroup channels = new DefaultChannelGroup("qmp-connections", GlobalEventExecutor.INSTANCE);
                loops = new Loops(group, channels, new QmpConnector(group, channels, new ObjectMapper()));
            }
            return loops;
        }
    }

    /** Connects with {@link QmpConnectOptions#defaults()}. */
    public CompletableFuture<QmpConnection> connect(Path socket) {
        return connect(socket, QmpConnectOptions.defaults());
    }

    /**
     * Connects to a QMP unix socket, retrying while it does not exist yet, reads the greeting and
     * negotiates capabilities. Fails with {@link QmpConnectException}, {@link QmpTimeoutException}
     * or {@link QmpProtocolException}.
     */
    public CompletableFuture<QmpConnection> connect(Path socket, QmpConnectOptions options) {
        Loops l;
        try {
            l = loops();
        } catch (QmpException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (l == null || l.group().isShuttingDown()) {
            return CompletableFuture.failedFuture(new QmpException("the QMP client is closed"));
        }
        return l.connector().connect(socket, options);
    }

    /** How many QMP connections are open right now. */
    public int openConnections() {
        Loops l;
        synchronized (lock) {
            l = loops;
        }
        return l == null ? 0 : (int) l.channels().stream().filter(Channel::isOpen).count();
    }

    /** Closes every connection, then stops the event loops (waits up to 5 s). */
    @Override
    public void close() {
        Loops l;
        synchronized (lock) {
            closed = true;
            l = loops;
        }
        if (l != null) {
            l.channels().close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            l.group().shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(6, TimeUnit.SECONDS);
        }
    }
}
