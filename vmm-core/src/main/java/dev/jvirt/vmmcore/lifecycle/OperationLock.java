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
    private volatile Operation holder;

    public OperationLock(String domain) {
        this.domain = domain;
    }

    /** A held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    public Held acquire(Operation op, Duration wait) {
        boolean locked;
        try {
            locked = lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
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

    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }
}
