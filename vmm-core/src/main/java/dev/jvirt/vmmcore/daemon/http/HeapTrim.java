package dev.jvirt.vmmcore.daemon.http;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gives the memory of large request bodies back to the system. A body of a few MiB becomes a byte
 * array, a String and a parsed tree that land in the old generation and grow the heap; with
 * bin/jvirtd's flags (serial GC, a heap that shrinks to 20 % free) only full collections shrink
 * it again, in steps (the serial collector shrinks 0 %, 10 %, 40 %, then 100 % of the excess on
 * successive ones), and an idle daemon may not have one for hours. So half a second after the
 * last of a burst of large bodies, full collections (about 10 ms each on this daemon's small
 * heap) until the heap stops shrinking, at most four, and not more often than every two seconds.
 */
final class HeapTrim implements AutoCloseable {
    /** Bodies from this size on are "large". */
    static final int LARGE = 1 << 20;
    private static final long QUIET_MS = 500;
    private static final long MIN_INTERVAL_MS = 2000;
    private static final int MAX_COLLECTIONS = 4;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jvirtd-heap-trim");
        t.setDaemon(true);
        return t;
    });
    private volatile long lastLarge;
    private volatile long lastRun;

    /** A request with a body of {@code bytes} has been handled. */
    void handled(int bytes) {
        if (bytes < LARGE) {
            return;
        }
        lastLarge = System.currentTimeMillis();
        if (scheduled.compareAndSet(false, true)) {
            schedule(QUIET_MS);
        }
    }

    private void schedule(long ms) {
        try {
            timer.schedule(this::trim, ms, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            scheduled.set(false); // closed
        }
    }

    private void trim() {
        long now = System.currentTimeMillis();
        long wait = Math.max(lastLarge + QUIET_MS, lastRun + MIN_INTERVAL_MS) - now;
        if (wait > 0) {
            schedule(wait); // still busy, or trimmed a moment ago
            return;
        }
        scheduled.set(false);
        lastRun = now;
        Runtime rt = Runtime.getRuntime();
        long committed = rt.totalMemory();
        for (int i = 0; i < MAX_COLLECTIONS; i++) {
            System.gc();
            long after = rt.totalMemory();
            if (after >= committed && i > 0) {
                break;
            }
            committed = after;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
