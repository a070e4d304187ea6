package dev.jvirt.console.keeper;

import dev.jvirt.console.ConsoleException;
import dev.jvirt.console.ConsoleUnavailableException;
import dev.jvirt.console.hub.GuestLink;
import dev.jvirt.console.keeper.KeeperFrame.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon's end of its connection to the {@link ConsoleKeeper}: asks it to keep a guest's
 * console ({@link #keep}) or finds one it kept while the daemon was away ({@link #attach}), and
 * gives the hub a {@link GuestLink} over it. Knows no transport: the daemon moves bytes between
 * {@link Transport} and {@link #received} (jvirtd on Netty, tests on a plain socket). Thread-safe;
 * {@link #received} and {@link #connectionLost} come from one thread, in order.
 */
public final class KeeperClient implements AutoCloseable {

    /** Where the client's frames go. */
    public interface Transport {
        /** Sends bytes in order (never blocks for long: a non-blocking channel queues). */
        void send(byte[] bytes);

        void close();
    }

    private final Transport transport;
    private final KeeperFrame.Decoder decoder = new KeeperFrame.Decoder();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Void>> replies = new ConcurrentHashMap<>();
    private final Map<Integer, Link> links = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> hello = new CompletableFuture<>();
    private volatile String lost;

    public KeeperClient(Transport transport) {
        this.transport = transport;
    }

    /** Completes with the keeper's pid when its greeting arrived. */
    public CompletableFuture<Long> hello() {
        return hello;
    }

    public boolean isOpen() {
        return lost == null;
    }

    /**
     * Has the keeper keep a console: for FIFOs it makes and opens them (swap them into QEMU's
     * chardev next, then start the link); for a socket it connects to QEMU's. Fails with the
     * keeper's message.
     */
    public CompletableFuture<Link> keep(KeepRequest request) {
        int id = ids.incrementAndGet();
        Link link = new Link(id, request.domain());
        return call(id, link, KeeperFrame.encode(Type.KEEP, id, request.encode()));
    }

    /** The console of {@code domain} the keeper kept (meanwhile), if it has it. */
    public CompletableFuture<Optional<Link>> attach(String domain) {
        int id = ids.incrementAndGet();
        Link link = new Link(id, domain);
        return call(id, link, KeeperFrame.encode(Type.ATTACH, id, domain)).handle((l, e) -> {
            if (e != null && !(unwrap(e) instanceof KeeperRefusal)) {
                throw e instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(e);
            }
            return Optional.ofNullable(l);
        });
    }

    private CompletableFuture<Link> call(int id, Link link, byte[] frame) {
        CompletableFuture<Void> reply = new CompletableFuture<>();
        replies.put(id, reply);
        links.put(id, link);
        if (lost != null) {
            replies.remove(id);
            links.remove(id);
            return CompletableFuture.failedFuture(gone());
        }
        transport.send(frame);
        return reply.handle((v, e) -> {
            if (e != null) {
                links.remove(id);
                throw e instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(e);
            }
            return link;
        });
    }

    /** Bytes from the keeper. */
    public void received(byte[] bytes, int off, int len) {
        List<KeeperFrame> frames;
        try {
            frames = decoder.feed(bytes, off, len);
        } catch (IllegalArgumentException e) {
            connectionLost("bad frame from the keeper: " + e.getMessage());
            transport.close();
            return;
        }
        for (KeeperFrame f : frames) {
            handle(f);
        }
    }

    private void handle(KeeperFrame f) {
        switch (f.type()) {
            case HELLO -> hello.complete(Long.parseLong(f.text().split(" ")[0]));
            case OK -> complete(f.id(), null);
            case ERROR -> complete(f.id(), new KeeperRefusal(f.text()));
            case DATA -> {
                Link l = links.get(f.id());
                if (l != null && l.sink != null) {
                    l.sink.output(f.payload());
                }
            }
            case HISTORY -> {
                Link l = links.get(f.id());
                if (l != null && l.sink != null) {
                    l.sink.history(f.payload());
                }
            }
            case INPUT_DONE -> {
                Link l = links.get(f.id());
                if (l != null) {
                    l.acked(f.number());
                }
            }
            case ENDED -> {
                Link l = links.remove(f.id());
                if (l != null) {
                    l.ended(f.text().isEmpty() ? null : f.text());
                }
            }
            default -> {
                // a daemon-bound type only: ignore
            }
        }
    }

    private void complete(int id, Throwable failure) {
        CompletableFuture<Void> r = replies.remove(id);
        if (r == null) {
            return;
        }
        if (failure == null) {
            r.complete(null);
        } else {
            r.completeExceptionally(failure);
        }
    }

    /** The connection is gone: every link ends (the keeper keeps logging; a new connection attaches again). */
    public void connectionLost(String why) {
        if (lost != null) {
            return;
        }
        lost = why;
        hello.completeExceptionally(gone());
        for (Integer id : List.copyOf(replies.keySet())) {
            CompletableFuture<Void> r = replies.remove(id);
            if (r != null) {
                r.completeExceptionally(gone());
            }
        }
        for (Integer id : List.copyOf(links.keySet())) {
            Link l = links.remove(id);
            if (l != null) {
                l.ended("the connection to the console keeper was lost (" + why + ")");
            }
        }
    }

    private ConsoleUnavailableException gone() {
        return new ConsoleUnavailableException("the console keeper is not reachable: " + lost);
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    @Override
    public void close() {
        transport.close();
        connectionLost("closed by the daemon");
    }

    /** The keeper said no (its message). */
    public static final class KeeperRefusal extends ConsoleException {
        KeeperRefusal(String message) {
            super(message);
        }
    }

    /** One console over the connection. */
    public final class Link implements GuestLink {
        private final int id;
        private final String domain;
        private volatile GuestLink.Sink sink;
        // guarded by this
        private final Deque<Object[]> inputs = new ArrayDeque<>(); // {Long bytes, CompletableFuture<Void>}
        private long ackedCarry;
        private boolean ended;

        private Link(int id, String domain) {
            this.id = id;
            this.domain = domain;
        }

        public String domain() {
            return domain;
        }

        @Override
        public void start(GuestLink.Sink s) {
            this.sink = s;
            synchronized (this) {
                if (ended) {
                    s.ended("the console keeper let go of it before it started");
                    return;
                }
            }
            transport.send(KeeperFrame.encode(Type.STREAM, id));
        }

        @Override
        public void requestHistory(int maxBytes) {
            if (!links.containsKey(id) && sink != null) {
                sink.history(new byte[0]);
                return;
            }
            transport.send(KeeperFrame.encode(Type.HISTORY, id, maxBytes));
        }

        @Override
        public CompletableFuture<Void> send(byte[] keystrokes) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            synchronized (this) {
                if (ended) {
                    return CompletableFuture.failedFuture(new ConsoleException("the console of domain '" + domain
                            + "' is closed"));
                }
                inputs.add(new Object[] {(long) keystrokes.length, done});
                transport.send(KeeperFrame.encode(Type.INPUT, id, keystrokes));
            }
            return done;
        }

        private void acked(long bytes) {
            List<CompletableFuture<Void>> done = new java.util.ArrayList<>();
            synchronized (this) {
                ackedCarry += bytes;
                while (!inputs.isEmpty() && (Long) inputs.peekFirst()[0] <= ackedCarry) {
                    Object[] head = inputs.removeFirst();
                    ackedCarry -= (Long) head[0];
                    @SuppressWarnings("unchecked")
                    CompletableFuture<Void> f = (CompletableFuture<Void>) head[1];
                    done.add(f);
                }
            }
            done.forEach(f -> f.complete(null));
        }

        /** Stops the stream; the keeper keeps the console and its log. */
        @Override
        public void close() {
            if (links.remove(id) != null && lost == null) {
                transport.send(KeeperFrame.encode(Type.DETACH, id));
            }
            ended("detached");
        }

        /** Has the keeper let go of the console altogether (a start that failed before QEMU held it). */
        public void release() {
            if (links.remove(id) != null && lost == null) {
                transport.send(KeeperFrame.encode(Type.RELEASE, id));
            }
            ended("released");
        }

        private void ended(String why) {
            List<Object[]> failed;
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                failed = List.copyOf(inputs);
                inputs.clear();
            }
            for (Object[] in : failed) {
                @SuppressWarnings("unchecked")
                CompletableFuture<Void> f = (CompletableFuture<Void>) in[1];
                f.completeExceptionally(new ConsoleException("the console of domain '" + domain + "' closed before"
                        + " the keystrokes reached it"));
            }
            GuestLink.Sink s = sink;
            if (s != null) {
                s.ended(why);
            }
        }
    }
}
