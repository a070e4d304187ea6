package dev.jvirt.console.keeper;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keeper's one I/O thread: an epoll set of plain descriptors (FIFOs, unix sockets) with a
 * handler each, timers, and a queue for work handed in from other threads. Every descriptor the
 * keeper holds is watched here, so all of its state belongs to this one thread and needs no lock.
 *
 * <p>Why epoll through JNA and not Netty or a {@code java.nio} selector: a FIFO is no socket, and
 * neither can register it; the keeper's few sockets join the same set rather than bring a second
 * model (and Netty's weight) into a process that exists to be small.
 *
 * <p>Interest is level-triggered and set explicitly ({@link Watch#want}); a handler that wants to
 * gather output drops its read interest and takes it back on a timer.
 */
final class Poller implements Executor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    private static final int MAX_EVENTS = 64;

    /** Called on the poller thread with the epoll events that fired. */
    interface Handler {
        void ready(int events);
    }

    /** A descriptor in the set. Poller thread only. */
    final class Watch {
        final int fd;
        private final Handler handler;
        private int interest;
        private boolean gone;

        private Watch(int fd, Handler handler) {
            this.fd = fd;
            this.handler = handler;
        }

        /** Sets what to be woken for (EPOLLHUP and EPOLLERR wake regardless). */
        void want(boolean in, boolean out) {
            int wanted = (in ? LinuxIo.EPOLLIN : 0) | (out ? LinuxIo.EPOLLOUT : 0);
            if (gone || wanted == interest) {
                return;
            }
            interest = wanted;
            ctl(LinuxIo.EPOLL_CTL_MOD, fd, wanted);
        }

        boolean wantsIn() {
            return (interest & LinuxIo.EPOLLIN) != 0;
        }

        /** Leaves the set and closes the descriptor. Idempotent. */
        void close() {
            if (gone) {
                return;
            }
            gone = true;
            watches.remove(fd);
            try {
                LinuxIo.C.epoll_ctl(epoll, LinuxIo.EPOLL_CTL_DEL, fd, ctlEvent);
            } catch (LastErrorException ignored) {
                // closing anyway
            }
            closeFd(fd);
        }

        boolean isOpen() {
            return !gone;
        }
    }

    private record Timer(long atNanos, long seq, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(atNanos, o.atNanos);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final int epoll;
    private final int wakeup;
    private final Thread thread;
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Memory wakeupBytes = new Memory(8);
    private volatile boolean stopping;
    // poller thread only
    private final Map<Integer, Watch> watches = new HashMap<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long timerSeq;
    private final Memory events = new Memory((long) LinuxIo.EPOLL_EVENT_BYTES * MAX_EVENTS);
    private final Memory ctlEvent = new Memory(LinuxIo.EPOLL_EVENT_BYTES);
    private final Memory drain = new Memory(8);

    Poller(String name) {
        this.epoll = LinuxIo.C.epoll_create1(LinuxIo.EPOLL_CLOEXEC);
        this.wakeup = LinuxIo.C.eventfd(0, LinuxIo.EFD_NONBLOCK | LinuxIo.EFD_CLOEXEC);
        ctl(LinuxIo.EPOLL_CTL_ADD, wakeup, LinuxIo.EPOLLIN);
        this.thread = new Thread(null, this::loop, name, 512 * 1024);
        thread.setDaemon(true);
        thread.start();
    }

    /** Adds {@code fd} to the set, watched for {@code in}/{@code out}; the watch owns the descriptor. */
    Watch watch(int fd, boolean in, boolean out, Handler handler) {
        Watch w = new Watch(fd, handler);
        w.interest = (in ? LinuxIo.EPOLLIN : 0) | (out ? LinuxIo.EPOLLOUT : 0);
        ctl(LinuxIo.EPOLL_CTL_ADD, fd, w.interest);
        watches.put(fd, w);
        return w;
    }

    /** Runs {@code task} on the poller thread after {@code millis}. Poller thread only. */
    void schedule(long millis, Runnable task) {
        timers.add(new Timer(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis), timerSeq++, task));
    }

    /** Runs {@code task} on the poller thread (soon, in order). Any thread. */
    @Override
    public void execute(Runnable task) {
        commands.add(task);
        synchronized (wakeupBytes) {
            wakeupBytes.setLong(0, 1);
            try {
                LinuxIo.C.write(wakeup, wakeupBytes, 8);
            } catch (LastErrorException e) {
                // the counter is full: the poller is awake anyway
            }
        }
    }

    boolean inPollerThread() {
        return Thread.currentThread() == thread;
    }

    /** Stops the thread; descriptors still watched are closed. Any thread; waits up to 5 s. */
    @Override
    public void close() {
        execute(() -> stopping = true);
        if (!inPollerThread()) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (!stopping) {
            try {
                int n = LinuxIo.C.epoll_wait(epoll, events, MAX_EVENTS, timeoutMillis());
                for (int i = 0; i < n; i++) {
                    long off = (long) i * LinuxIo.EPOLL_EVENT_BYTES;
                    int ev = events.getInt(off);
                    int fd = (int) events.getLong(off + 4);
                    if (fd == wakeup) {
                        drainWakeup();
                        continue;
                    }
                    Watch w = watches.get(fd);
                    if (w != null && !w.gone) {
                        run(() -> w.handler.ready(ev));
                    }
                }
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LinuxIo.EINTR) {
                    LOG.error("poller: epoll_wait failed", e);
                }
            }
            for (Runnable c; (c = commands.poll()) != null; ) {
                run(c);
            }
            long now = System.nanoTime();
            while (!timers.isEmpty() && timers.peek().atNanos() - now <= 0) {
                run(timers.poll().task());
            }
        }
        for (Watch w : java.util.List.copyOf(watches.values())) {
            w.close();
        }
        closeFd(wakeup);
        closeFd(epoll);
    }

    private static void run(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            LOG.error("poller: unexpected failure (it goes on)", e);
        }
    }

    private int timeoutMillis() {
        if (!commands.isEmpty()) {
            return 0;
        }
        if (timers.isEmpty()) {
            return -1;
        }
        long nanos = timers.peek().atNanos() - System.nanoTime();
        return nanos <= 0 ? 0 : (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    }

    private void drainWakeup() {
        try {
            LinuxIo.C.read(wakeup, drain, 8);
        } catch (LastErrorException e) {
            // EAGAIN: nothing to drain
        }
    }

    private void ctl(int op, int fd, int interest) {
        ctlEvent.setInt(0, interest);
        ctlEvent.setLong(4, fd);
        LinuxIo.C.epoll_ctl(epoll, op, fd, ctlEvent);
    }

    static void closeFd(int fd) {
        try {
            LinuxIo.C.close(fd);
        } catch (LastErrorException ignored) {
            // released all the same
        }
    }
}
