package dev.jvirt.console.keeper;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import dev.jvirt.console.keeper.KeeperFrame.Type;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jvirt's own {@code virtlogd}: holds QEMU's console chardevs (a serial port's FIFOs, a virtio
 * console's socket), writes every byte into the domain's rotated log first, and streams it to the
 * daemon connected on {@code RUNTIME/console-keeper.sock}, which fans it out to clients. It runs
 * as a process of its own ({@link ConsoleKeeperMain}, started by jvirtd), so that while jvirtd is
 * down — killed, restarting, upgraded — the guests' output still reaches their logs and their
 * input FIFOs stay open; the next jvirtd reconnects and carries on.
 *
 * <p>One per runtime directory (a lock file), so one per daemon instance. Lifetime rule: it lives
 * while it keeps a console or a daemon is connected, and exits as soon as it has neither
 * (checked when a console ends and when a daemon disconnects; a keeper nobody ever connects to
 * exits after {@link #FIRST_CONNECT_MILLIS}): it never outlives the last guest and the last daemon.
 *
 * <p>Everything runs on one {@link Poller} thread. A daemon that stops reading its socket is cut
 * off once {@link #MAX_UNSENT} bytes wait for it (the output still goes into the logs).
 */
public final class ConsoleKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleKeeper.class);
    public static final String SOCKET = "console-keeper.sock";
    public static final String PID_FILE = "console-keeper.pid";
    public static final String LOCK_FILE = "console-keeper.lock";
    static final long FIRST_CONNECT_MILLIS = 60_000;
    static final long MAX_UNSENT = 32L * 1024 * 1024;

    private final Path socket;
    private final Runnable onIdle;
    private final FileChannel lockChannel;
    private final FileLock lock;
    final Memory readBuffer = new Memory(DaemonConnection.READ_BUFFER);
    final Memory consoleBuffer = new Memory(16 * 1024);
    final Poller poller;
    // poller thread only
    final Map<String, KeptConsole> consoles = new HashMap<>();
    final List<DaemonConnection> connections = new ArrayList<>();
    private Poller.Watch listener;
    private boolean everConnected;
    private boolean closed;
    private boolean stopped; // guarded by this

    private ConsoleKeeper(Path socket, Runnable onIdle, FileChannel lockChannel, FileLock lock) {
        this.socket = socket;
        this.onIdle = onIdle;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.poller = new Poller("console-keeper");
    }

    /** Thrown by {@link #start} when another keeper holds the runtime directory. */
    public static final class AlreadyRunningException extends IOException {
        AlreadyRunningException(Path dir) {
            super("a console keeper already runs for " + dir);
        }
    }

    /**
     * Takes {@code runtimeDir}'s keeper lock and serves {@code runtimeDir/console-keeper.sock}
     * (mode 0600). {@code onIdle} runs (on the keeper's thread) when the lifetime rule says exit;
     * null: never (a keeper inside a test).
     */
    public static ConsoleKeeper start(Path runtimeDir, Runnable onIdle) throws IOException {
        KeeperSecurity.requireOwnDirectory(runtimeDir);
        FileChannel ch = FileChannel.open(runtimeDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileLock lock = ch.tryLock();
        if (lock == null) {
            ch.close();
            throw new AlreadyRunningException(runtimeDir);
        }
        ConsoleKeeper k = new ConsoleKeeper(runtimeDir.resolve(SOCKET), onIdle, ch, lock);
        CompletableFuture<Void> bound = new CompletableFuture<>();
        k.poller.execute(() -> {
            try {
                k.listen();
                bound.complete(null);
            } catch (IOException | RuntimeException e) {
                bound.completeExceptionally(e);
            }
        });
        try {
            bound.join();
        } catch (java.util.concurrent.CompletionException e) {
            k.close();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        return k;
    }

    public Path socket() {
        return socket;
    }

    /** How many consoles are kept now. */
    public int consoleCount() {
        CompletableFuture<Integer> n = new CompletableFuture<>();
        poller.execute(() -> n.complete(consoles.size()));
        return n.join();
    }

    /** Stops serving and lets go of every console (QEMU's writes to them then fail; for tests and exit). */
    @Override
    public void close() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        poller.execute(() -> {
            shutdown();
            done.complete(null);
        });
        if (!poller.inPollerThread()) {
            done.join();
        }
        poller.close();
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // released with the descriptor
        }
    }

    private void shutdown() {
        if (closed) {
            return;
        }
        closed = true;
        for (DaemonConnection c : List.copyOf(connections)) {
            c.close("the keeper is stopping");
        }
        for (KeptConsole c : List.copyOf(consoles.values())) {
            c.end("the keeper is stopping");
        }
        if (listener != null) {
            listener.close();
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.debug("cannot remove {}", socket, e);
        }
    }

    private void listen() throws IOException {
        Files.deleteIfExists(socket); // a dead keeper's: the lock says none runs
        int fd = LinuxIo.C.socket(LinuxIo.AF_UNIX, LinuxIo.SOCK_STREAM | LinuxIo.SOCK_NONBLOCK | LinuxIo.SOCK_CLOEXEC, 0);
        int old = LinuxIo.C.umask(0077);
        try {
            LinuxIo.C.bind(fd, LinuxIo.sockaddr(socket.toString()), LinuxIo.sockaddrLength(socket.toString()));
            LinuxIo.C.listen(fd, 16);
        } catch (LastErrorException e) {
            Poller.closeFd(fd);
            throw new IOException("cannot listen on " + socket + ": errno " + e.getErrorCode(), e);
        } finally {
            LinuxIo.C.umask(old);
        }
        listener = poller.watch(fd, true, false, ev -> accept());
        if (onIdle != null) {
            poller.schedule(FIRST_CONNECT_MILLIS, () -> {
                if (!everConnected) {
                    LOG.info("no daemon connected within {} s; exiting", FIRST_CONNECT_MILLIS / 1000);
                    idleCheck();
                }
            });
        }
        LOG.info("console keeper serving {}", socket);
    }

    private void accept() {
        while (true) {
            int fd;
            try {
                fd = LinuxIo.C.accept4(listener.fd, null, null, LinuxIo.SOCK_NONBLOCK | LinuxIo.SOCK_CLOEXEC);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LinuxIo.EAGAIN && e.getErrorCode() != LinuxIo.EINTR) {
                    LOG.warn("accept on {} failed: errno {}", socket, e.getErrorCode());
                }
                return;
            }
            int peer = LinuxIo.peerUid(fd);
            if (peer != KeeperSecurity.uid()) {
                LOG.warn("refused a connection from uid {} (only uid {} may use the keeper)", peer, KeeperSecurity.uid());
                Poller.closeFd(fd);
                continue;
            }
            everConnected = true;
            DaemonConnection c = new DaemonConnection(this, fd);
            connections.add(c);
            LOG.info("daemon connected ({} consoles kept)", consoles.size());
            c.send(KeeperFrame.encode(Type.HELLO, 0, ProcessHandle.current().pid() + " " + KeeperFrame.PROTOCOL));
        }
    }

    void idleCheck() {
        if (onIdle != null && !closed && consoles.isEmpty() && connections.isEmpty()) {
            LOG.info("no console kept and no daemon connected: the console keeper exits");
            shutdown();
            onIdle.run();
        }
    }

    /** {@code c} ended: no connection knows it any more (one that streamed it was told by its binding). */
    void forget(KeptConsole c) {
        consoles.remove(c.domain, c);
        for (DaemonConnection conn : connections) {
            conn.byId.entrySet().removeIf(e -> {
                if (e.getValue() != c) {
                    return false;
                }
                conn.send(KeeperFrame.encode(Type.ENDED, e.getKey(), "no longer kept"));
                return true;
            });
        }
        idleCheck();
    }
}
