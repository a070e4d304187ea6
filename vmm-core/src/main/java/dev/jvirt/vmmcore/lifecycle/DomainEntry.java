package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.NoSuchDomainException;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * One domain known to the hypervisor. What it is at a moment — persistent definition (null when
 * transient), autostart flag, status, running guest — is one immutable {@link Snapshot}, replaced
 * as a whole, so a reader never sees half of a change (a shut-off domain with a QEMU, a running
 * one without). The snapshot is the one owner of the domain's status: the runtime record on disk
 * is written from it. Changes happen only under {@link #lock()}; reads need no lock.
 */
public final class DomainEntry {
    private final String name;
    private final OperationLock lock;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(Snapshot.EMPTY);
    private volatile boolean removed;

    /**
     * The domain at one moment. A guest exists exactly while the status is active (running,
     * paused, crashed): the constructor refuses anything else.
     */
    public record Snapshot(Domain persistent, boolean autostart, DomainStatus status, RunningGuest guest) {
        static final Snapshot EMPTY = new Snapshot(null, false, DomainStatus.SHUTOFF, null);

        public Snapshot {
            Objects.requireNonNull(status, "status");
            if (status.isActive() != (guest != null)) {
                throw new IllegalStateException("a domain " + status.describe() + (guest == null ? " without" : " with")
                        + " a QEMU process");
            }
        }

        /** The definition in force: the live one while active, else the persistent one. */
        public Domain current() {
            return guest != null ? guest.live() : persistent;
        }

        /** What {@code dominfo} shows; {@code cpuTime} maps QEMU's pid to its CPU time in ns. */
        public DomainInfo info(String name, LongUnaryOperator cpuTime) {
            Domain d = current();
            OptionalLong pid = guest == null ? OptionalLong.empty() : OptionalLong.of(guest.process().pid());
            OptionalInt id = guest == null ? OptionalInt.empty() : OptionalInt.of(guest.id());
            return new DomainInfo(id, name, d == null ? null : d.uuid(), d == null ? null : d.type(), status,
                    persistent != null, autostart, pid, d == null ? 0 : d.memoryKiB(), d == null ? 0 : d.vcpus(),
                    pid.isPresent() ? cpuTime.applyAsLong(pid.getAsLong()) : 0L, d == null ? null : d.title());
        }
    }

    public DomainEntry(String name) {
        this.name = name;
        this.lock = new OperationLock(name);
    }

    public String name() {
        return name;
    }

    public OperationLock lock() {
        return lock;
    }

    /**
     * Takes the domain's lock for {@code op}, waiting at most {@code wait}; a domain that went
     * away meanwhile (undefined, a transient one stopped) is then no such domain.
     */
    public OperationLock.Held acquire(Operation op, Duration wait) {
        OperationLock.Held held = lock.acquire(op, wait);
        if (removed && op != Operation.DEFINE) {
            held.close();
            throw new NoSuchDomainException(name);
        }
        return held;
    }

    /** Everything about the domain now, consistent. */
    public Snapshot snapshot() {
        return snapshot.get();
    }

    private void change(UnaryOperator<Snapshot> how) {
        snapshot.updateAndGet(how);
    }

    public Domain persistent() {
        return snapshot().persistent();
    }

    public void persistent(Domain def) {
        change(s -> new Snapshot(def, s.autostart(), s.status(), s.guest()));
    }

    public boolean isPersistent() {
        return persistent() != null;
    }

    public boolean autostart() {
        return snapshot().autostart();
    }

    public void autostart(boolean on) {
        change(s -> new Snapshot(s.persistent(), on, s.status(), s.guest()));
    }

    public RunningGuest guest() {
        return snapshot().guest();
    }

    public DomainStatus status() {
        return snapshot().status();
    }

    /** A new status of the same QEMU (or of none): active to active, or shut off to shut off. */
    public void status(DomainStatus s) {
        change(old -> new Snapshot(old.persistent(), old.autostart(), s, old.guest()));
    }

    /** {@code g} now runs the domain, in {@code s} (an active status): both change at once. */
    public void activate(RunningGuest g, DomainStatus s) {
        change(old -> new Snapshot(old.persistent(), old.autostart(), s, g));
    }

    /** The domain's QEMU is gone; {@code s} is a shut-off status. Both change at once. */
    public void deactivate(DomainStatus s) {
        change(old -> new Snapshot(old.persistent(), old.autostart(), s, null));
    }

    /** The definition in force: the live one while active, else the persistent one. */
    public Domain current() {
        return snapshot().current();
    }

    /** Set when the entry left the registry (undefined, or a transient domain stopped). */
    public boolean isRemoved() {
        return removed;
    }

    public void markRemoved() {
        removed = true;
    }
}
