package dev.jvirt.console.hub;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that reads the output FIFO of every serial console (epoll), instead of a thread per
 * guest: a reader thread blocked on its FIFO costs about 100 KiB of resident memory, a
 * registration here a few hundred bytes.
 *
 * <p>QEMU's 16550 writes one byte per {@code write(2)}; waking for each would take the CPU the
 * guest's vCPU needs. So each FIFO is armed one-shot: after a read that did not fill the buffer
 * (delivered at once, so typing echoes without delay) it is re-armed only {@value #GATHER_MILLIS} ms
 * later, letting output gather in the FIFO's 64 KiB; after a full read it is re-armed at once.
 *
 * <p>All state belongs to the poller thread; other threads hand it commands through a queue and
 * an eventfd.
 */
final class ConsolePoller {
    private static final Logger LOG = LoggerFactory.getLogger(ConsolePoller.class);
    static final long GATHER_MILLIS = 2;
    private static final int READ_BUFFER = 16 * 1024;
    private static final int READS_PER_WAKEUP = 8;
    private static final int MAX_EVENTS = 64;
    private static final Object LOCK = new Object();
    private static ConsolePoller shared;

    private final int epoll;
    private final int wakeup;
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    // poller thread only
    private final Map<Integer, Registration> registered = new HashMap<>();
    private final PriorityQueue<Rearm> rearms = new PriorityQueue<>();
    private final Memory readBuffer = new Memory(READ_BUFFER);
    private final Memory events = new Memory((long) LinuxIo.EPOLL_EVENT_BYTES * MAX_EVENTS);
    private final Memory ctlEvent = new Memory(LinuxIo.EPOLL_EVENT_BYTES);
    private final Memory eightBytes = new Memory(8);

    private record Rearm(long atNanos, Registration registration) implements Comparable<Rearm> {
        @Override
        public int compareTo(Rearm o) {
            return Long.compare(atNanos, o.atNanos);
        }
    }

    /** One FIFO being read; {@link #cancel} stops it (the sink's {@code ended} follows). */
    final class Registration implements GuestOutput {
        private final int fd;
        private final String name;
        private GuestOutput.Sink sink;
        private boolean done; // poller thread only

        private Registration(int fd, String name) {
            this.fd = fd;
            this.name = name;
        }

        @Override
        public void start(GuestOutput.Sink s) {
            this.sink = s;
            submit(() -> {
                registered.put(fd, this);
                arm(this, LinuxIo.EPOLL_CTL_ADD);
            });
        }

        @Override
        public void close() {
            submit(() -> finish(this));
        }
    }

    private ConsolePoller() {
        this.epoll = LinuxIo.C.epoll_create1(LinuxIo.EPOLL_CLOEXEC);
        this.wakeup = LinuxIo.C.eventfd(0, LinuxIo.EFD_NONBLOCK | LinuxIo.EFD_CLOEXEC);
        ctlEvent.setInt(0, LinuxIo.EPOLLIN);
        ctlEvent.setLong(4, wakeup);
        LinuxIo.C.epoll_ctl(epoll, LinuxIo.EPOLL_CTL_ADD, wakeup, ctlEvent);
        Thread t = new Thread(null, this::loop, "console-poller", 256 * 1024);
        t.setDaemon(true);
        t.start();
    }

    /** The process's poller, started on first use. */
    static ConsolePoller shared() {
        synchronized (LOCK) {
            if (shared == null) {
                shared = new ConsolePoller();
            }
            return shared;
        }
    }

    /**
     * Opens {@code path} (a FIFO that has a writer now) for non-blocking reads; the registration
     * owns the descriptor.
     */
    Registration open(java.nio.file.Path path, String name) throws java.io.IOException {
        try {
            int fd = LinuxIo.C.open(path.toString(), LinuxIo.O_RDONLY | LinuxIo.O_NONBLOCK | LinuxIo.O_CLOEXEC);
            return new Registration(fd, name);
        } catch (LastErrorException e) {
            throw new java.io.IOException("cannot open " + path + ": errno " + e.getErrorCode(), e);
        }
    }

    private void submit(Runnable command) {
        commands.add(command);
        synchronized (eightBytes) {
            eightBytes.setLong(0, 1);
            LinuxIo.C.write(wakeup, eightBytes, 8);
        }
    }

    private void loop() {
        while (true) {
            try {
                int n = LinuxIo.C.epoll_wait(epoll, events, MAX_EVENTS, timeoutMillis());
                for (int i = 0; i < n; i++) {
                    long off = (long) i * LinuxIo.EPOLL_EVENT_BYTES;
                    int fd = (int) events.getLong(off + 4);
                    if (fd == wakeup) {
                        drainWakeup();
                    } else {
                        Registration r = registered.get(fd);
                        if (r != null) {
                            read(r);
                        }
                    }
                }
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LinuxIo.EINTR) {
                    LOG.error("console poller: epoll_wait failed", e);
                }
            } catch (RuntimeException | Error e) {
                LOG.error("console poller: unexpected failure (it goes on)", e);
            }
            for (Runnable c; (c = commands.poll()) != null; ) {
                try {
                    c.run();
                } catch (RuntimeException e) {
                    LOG.error("console poller: command failed", e);
                }
            }
            long now = System.nanoTime();
            while (!rearms.isEmpty() && rearms.peek().atNanos() - now <= 0) {
                Registration r = rearms.poll().registration();
                if (!r.done) {
                    arm(r, LinuxIo.EPOLL_CTL_MOD);
                }
            }
        }
    }

    private int timeoutMillis() {
        if (rearms.isEmpty()) {
            return -1;
        }
        long nanos = rearms.peek().atNanos() - System.nanoTime();
        return nanos <= 0 ? 0 : (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    }

    private void drainWakeup() {
        synchronized (eightBytes) {
            try {
                LinuxIo.C.read(wakeup, eightBytes, 8);
            } catch (LastErrorException e) {
                // EAGAIN: nothing to drain
            }
        }
    }

    private void read(Registration r) {
        for (int i = 0; i < READS_PER_WAKEUP && !r.done; i++) {
            long got;
            try {
                got = LinuxIo.C.read(r.fd, readBuffer, READ_BUFFER);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LinuxIo.EAGAIN) {
                    break;
                }
                if (e.getErrorCode() == LinuxIo.EINTR) {
                    continue;
                }
                LOG.debug("console of domain '{}': read failed: errno {}", r.name, e.getErrorCode());
                finish(r);
                return;
            }
            if (got == 0) {
                finish(r); // end of stream: QEMU, the only writer, closed its end
                return;
            }
            r.sink.output(readBuffer.getByteArray(0, (int) got));
            if (got < READ_BUFFER) {
                rearms.add(new Rearm(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GATHER_MILLIS), r));
                return;
            }
        }
        if (!r.done) {
            arm(r, LinuxIo.EPOLL_CTL_MOD); // more is likely waiting: read again after the others had a turn
        }
    }

    private void arm(Registration r, int op) {
        ctlEvent.setInt(0, LinuxIo.EPOLLIN | LinuxIo.EPOLLONESHOT);
        ctlEvent.setLong(4, r.fd);
        try {
            LinuxIo.C.epoll_ctl(epoll, op, r.fd, ctlEvent);
        } catch (LastErrorException e) {
            LOG.warn("console of domain '{}': cannot watch its FIFO: errno {}", r.name, e.getErrorCode());
            finish(r);
        }
    }

    private void finish(Registration r) {
        if (r.done) {
            return;
        }
        r.done = true;
        registered.remove(r.fd);
        try {
            LinuxIo.C.epoll_ctl(epoll, LinuxIo.EPOLL_CTL_DEL, r.fd, ctlEvent);
        } catch (LastErrorException ignored) {
            // not armed yet, or already gone
        }
        try {
            LinuxIo.C.close(r.fd);
        } catch (LastErrorException ignored) {
            // closing anyway
        }
        if (r.sink != null) {
            r.sink.ended();
        }
    }

    /** How many FIFOs are being read (for tests). */
    int registrations() {
        java.util.concurrent.CompletableFuture<Integer> n = new java.util.concurrent.CompletableFuture<>();
        submit(() -> n.complete(registered.size()));
        return n.join();
    }
}
