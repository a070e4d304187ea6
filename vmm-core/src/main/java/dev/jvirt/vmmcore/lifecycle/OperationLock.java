package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.vmmcore.DomainBusyException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lifecycle operation at a time per domain. A caller waits at most a bound, then gets
 * {@link DomainBusyException} naming the operation in progress.
 */
public final class OperationLock {
    private final String domain;
    private final ReentrantLock lock = new ReentrantLock();
    private static final Duration EVENT_HANDLING_WAIT = Duration.ofSeconds(2);
    private volatile Operation holder;

    public OperationLock(String domain) {
        this.domain = domain;
    }

    /** A held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes the lock, waiting at most {@code wait} (and, while jvirt itself is handling one of the
     * guest's events, which takes milliseconds, up to {@link #EVENT_HANDLING_WAIT} more).
     */
    public Held acquire(Operation op, Duration wait) {
        boolean locked = tryLock(wait);
        if (!locked && holder == Operation.GUEST_EVENT) {
            locked = tryLock(EVENT_HANDLING_WAIT);
        }
        if (!locked) {
            Operation current = holder;
            throw new DomainBusyException(domain, op.verb(), current == null ? "another operation" : current.verb());
        }
        Operation outer = holder;
        holder = op;
        return () -> {
            holder = outer;
            lock.unlock();
        };
    }

    private boolean tryLock(Duration wait) {
        try {
            return lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }
}
