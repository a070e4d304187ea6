package dev.jvirt.console.keeper;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import dev.jvirt.console.keeper.KeeperFrame.Type;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon's connection to the {@link ConsoleKeeper}: reads its requests, writes the keeper's
 * frames without ever blocking the keeper's thread (what the socket does not take waits, up to
 * {@link ConsoleKeeper#MAX_UNSENT}). The consoles it streams are known by its own ids. Poller thread only.
 */
final class DaemonConnection {
private static final Logger LOG = LoggerFactory.getLogger(DaemonConnection.class);
static final int READ_BUFFER = 64 * 1024;
private final ConsoleKeeper keeper;
    private final Poller.Watch watch;
    private final KeeperFrame.Decoder decoder = new KeeperFrame.Decoder();
    private final Deque<ByteBuffer> unsent = new ArrayDeque<>();
    private long unsentBytes;
    final Map<Integer, KeptConsole> byId = new HashMap<>();
    private boolean gone;

    DaemonConnection(ConsoleKeeper keeper, int fd) {
        this.keeper = keeper;
        this.watch = keeper.poller.watch(fd, true, false, this::ready);
    }

    private void ready(int events) {
        if ((events & LinuxIo.EPOLLOUT) != 0) {
            flush();
        }
        if (!gone && (events & (LinuxIo.EPOLLIN | LinuxIo.EPOLLHUP | LinuxIo.EPOLLERR)) != 0) {
            read();
        }
    }

    private void read() {
        for (int i = 0; i < 16 && !gone; i++) {
            long got;
            try {
                got = LinuxIo.C.read(watch.fd, keeper.readBuffer, READ_BUFFER);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LinuxIo.EAGAIN) {
                    return;
                }
                if (e.getErrorCode() == LinuxIo.EINTR) {
                    continue;
                }
                close("read failed: errno " + e.getErrorCode());
                return;
            }
            if (got == 0) {
                close("the daemon disconnected");
                return;
            }
            List<KeeperFrame> frames;
            try {
                frames = decoder.feed(keeper.readBuffer.getByteArray(0, (int) got), 0, (int) got);
            } catch (IllegalArgumentException e) {
                close("bad frame: " + e.getMessage());
                return;
            }
            for (KeeperFrame f : frames) {
                handle(f);
            }
        }
    }

    private void handle(KeeperFrame f) {
        switch (f.type()) {
            case KEEP -> keep(f.id(), f.text());
            case ATTACH -> attach(f.id(), f.text());
            case STREAM -> {
                KeptConsole c = byId.get(f.id());
                if (c != null) {
                    try {
                        c.stream();
                        c.output(new Binding(this, f.id()));
                    } catch (IOException | RuntimeException e) {
                        c.output(new Binding(this, f.id()));
                        c.end("cannot read it: " + e.getMessage());
                    }
                }
            }
            case INPUT -> {
                KeptConsole c = byId.get(f.id());
                if (c != null) {
                    c.input(f.payload());
                }
            }
            case HISTORY -> {
                KeptConsole c = byId.get(f.id());
                int max = (int) Math.min(Integer.MAX_VALUE, f.number());
                send(KeeperFrame.encode(Type.HISTORY, f.id(), c == null ? new byte[0] : c.history(max)));
            }
            case DETACH -> {
                KeptConsole c = byId.remove(f.id());
                if (c != null) {
                    unbind(c, "detached it");
                }
            }
            case RELEASE -> {
                KeptConsole c = byId.remove(f.id());
                if (c != null) {
                    c.end("released by the daemon");
                }
            }
            default -> close("unexpected frame " + f.type());
        }
    }

    private void keep(int id, String text) {
        KeepRequest r;
        try {
            r = KeepRequest.decode(text);
        } catch (RuntimeException e) {
            send(KeeperFrame.encode(Type.ERROR, id, "bad keep request: " + e.getMessage()));
            return;
        }
        KeptConsole old = keeper.consoles.get(r.domain());
        if (old != null) {
            old.end("replaced by a new console of the same domain");
        }
        KeptConsole c;
        try {
            c = KeptConsole.keep(r, keeper.poller, keeper.consoleBuffer, keeper::forget);
        } catch (IOException | RuntimeException e) {
            send(KeeperFrame.encode(Type.ERROR, id, e.getMessage() == null ? e.toString() : e.getMessage()));
            return;
        }
        keeper.consoles.put(r.domain(), c);
        byId.put(id, c);
        LOG.info("keeping the console of domain '{}' ({}, log {})", r.domain(), r.endpoint(), r.logFile());
        send(KeeperFrame.encode(Type.OK, id));
    }

    private void attach(int id, String domain) {
        KeptConsole c = keeper.consoles.get(domain);
        if (c == null || !c.isStreaming()) {
            send(KeeperFrame.encode(Type.ERROR, id, "no console of domain '" + domain + "' is kept"));
            return;
        }
        for (DaemonConnection other : keeper.connections) {
            other.byId.entrySet().removeIf(e -> {
                if (e.getValue() != c) {
                    return false;
                }
                other.send(KeeperFrame.encode(Type.ENDED, e.getKey(), "taken over by another connection"));
                return true;
            });
        }
        c.output(null);
        byId.put(id, c);
        LOG.info("the console of domain '{}' is streamed to the daemon again", domain);
        send(KeeperFrame.encode(Type.OK, id));
    }

    /** {@code c} is no longer this connection's: a console never streamed goes, one streamed goes on into its log. */
    private void unbind(KeptConsole c, String why) {
        if (!c.isStreaming()) {
            c.end("its daemon " + why + " before QEMU held it"); // a start that never finished
        } else if (c.output() instanceof Binding b && b.connection() == this) {
            c.output(null);
        }
    }

    void send(byte[] frame) {
        if (gone) {
            return;
        }
        if (unsent.isEmpty()) {
            int n = write(frame, 0, frame.length);
            if (n < 0) {
                return;
            }
            if (n == frame.length) {
                return;
            }
            unsent.add(ByteBuffer.wrap(frame, n, frame.length - n));
            unsentBytes += frame.length - n;
            watch.want(true, true);
        } else {
            unsent.add(ByteBuffer.wrap(frame));
            unsentBytes += frame.length;
        }
        if (unsentBytes > ConsoleKeeper.MAX_UNSENT) {
            close("the daemon does not read (" + unsentBytes + " bytes unsent); the logs go on");
        }
    }

    private void flush() {
        while (!unsent.isEmpty() && !gone) {
            ByteBuffer b = unsent.peekFirst();
            int n = write(b.array(), b.arrayOffset() + b.position(), b.remaining());
            if (n < 0) {
                return;
            }
            b.position(b.position() + n);
            unsentBytes -= n;
            if (b.hasRemaining()) {
                return;
            }
            unsent.removeFirst();
        }
        if (!gone) {
            watch.want(true, false);
        }
    }

    /** Bytes written (maybe 0), or -1 when the connection failed (and is closed). */
    private int write(byte[] bytes, int off, int len) {
        Memory m = new Memory(len);
        m.write(0, bytes, off, len);
        try {
            return (int) LinuxIo.C.send(watch.fd, m, len, LinuxIo.MSG_NOSIGNAL);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LinuxIo.EAGAIN || e.getErrorCode() == LinuxIo.EINTR) {
                return 0;
            }
            close("write failed: errno " + e.getErrorCode());
            return -1;
        }
    }

    void close(String why) {
        if (gone) {
            return;
        }
        gone = true;
        watch.close();
        keeper.connections.remove(this);
        LOG.info("daemon connection closed: {}", why);
        List<KeptConsole> mine = List.copyOf(byId.values());
        byId.clear();
        for (KeptConsole c : mine) {
            unbind(c, "went");
        }
        keeper.idleCheck();
    }
}

/** A kept console's output going to one connection under one id. */
record Binding(DaemonConnection connection, int id) implements KeptConsole.Output {
    @Override
    public void data(byte[] chunk) {
        connection.send(KeeperFrame.encode(Type.DATA, id, chunk));
    }

    @Override
    public void inputDone(long bytes) {
        connection.send(KeeperFrame.encode(Type.INPUT_DONE, id, bytes));
    }

    @Override
    public void ended(String why) {
        connection.byId.remove(id);
        connection.send(KeeperFrame.encode(Type.ENDED, id, why == null ? "" : why));
    }
}
