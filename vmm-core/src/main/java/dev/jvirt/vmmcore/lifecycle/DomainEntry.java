package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.vmmcore.DomainStatus;

/**
 * One domain known to the hypervisor: its persistent definition (null when transient), autostart
 * flag, status, and the running guest while active. Fields change only under {@link #lock()};
 * reads need no lock.
 */
public final class DomainEntry {
    private final String name;
    private final OperationLock lock;
    private volatile Domain persistent;
    private volatile boolean autostart;
    private volatile RunningGuest guest;
    private volatile DomainStatus status = DomainStatus.SHUTOFF;
    private volatile boolean removed;

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

    public Domain persistent() {
        return persistent;
    }

    public void persistent(Domain def) {
        this.persistent = def;
    }

    public boolean isPersistent() {
        return persistent != null;
    }

    public boolean autostart() {
        return autostart;
    }

    public void autostart(boolean on) {
        this.autostart = on;
    }

    public RunningGuest guest() {
        return guest;
    }

    public void guest(RunningGuest g) {
        this.guest = g;
    }

    public DomainStatus status() {
        return status;
    }

    public void status(DomainStatus s) {
        this.status = s;
    }

    /** The definition in force: the live one while active, else the persistent one. */
    public Domain current() {
        RunningGuest g = guest;
        return g != null ? g.live() : persistent;
    }

    /** Set when the entry left the registry (undefined, or a transient domain stopped). */
    public boolean isRemoved() {
        return removed;
    }

    public void markRemoved() {
        removed = true;
    }
}
