package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.vmmcore.DomainEvent.Kind;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.GuestControlException;
import dev.jvirt.vmmcore.ShutdownResult;
import dev.jvirt.vmmcore.StartFailedException;
import dev.jvirt.vmmcore.StateReason;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle operations of the state machine ({@link Operation}): each takes the domain's
 * lock, checks that its state accepts the operation, acts and publishes the event; those that
 * answer a state answer the snapshot taken under the lock. The Hypervisor facade resolves the
 * domain and calls these.
 */
public final class DomainOperations {
    private static final Logger log = LoggerFactory.getLogger(DomainOperations.class);
    private final DomainRegistry registry;
    private final GuestStarter starter;
    private final GuestTeardown teardown;
    private final GuestEventHandler guestEvents;
    private final StatusKeeper status;
    private final Duration busyWait;

    public DomainOperations(DomainRegistry registry, GuestStarter starter, GuestTeardown teardown,
                            GuestEventHandler guestEvents, StatusKeeper status, Duration busyWait) {
        this.registry = registry;
        this.starter = starter;
        this.teardown = teardown;
        this.guestEvents = guestEvents;
        this.status = status;
        this.busyWait = busyWait;
    }

    private OperationLock.Held lock(DomainEntry e, Operation op) {
        return e.acquire(op, busyWait);
    }

    /** Starts a defined domain (see {@code Hypervisor#start}). */
    public DomainEntry.Snapshot start(DomainEntry e, boolean paused) {
        try (OperationLock.Held held = lock(e, Operation.START)) {
            Operation.START.check(e.name(), e.status());
            launch(e, e.persistent(), paused);
            return e.snapshot();
        }
    }

    /** Starts {@code def} on the new entry {@code e}, which leaves the registry again if the start fails. */
    public DomainEntry.Snapshot createTransient(DomainEntry e, Domain def, boolean paused) {
        try (OperationLock.Held held = lock(e, Operation.START)) {
            try {
                registry.claimUuid(e, def.uuid());
                launch(e, def, paused);
            } catch (RuntimeException ex) {
                registry.remove(e);
                throw ex;
            }
            return e.snapshot();
        }
    }

    private void launch(DomainEntry e, Domain def, boolean paused) {
        RunningGuest g;
        try {
            g = starter.start(starter.prepare(def), registry.nextId(), e, paused, guestEvents::watch);
        } catch (StartFailedException ex) {
            e.deactivate(DomainStatus.of(DomainState.SHUTOFF, StateReason.FAILED));
            log.warn("{}", ex.getMessage());
            throw ex;
        }
        status.publish(e, Kind.STARTED, StateReason.BOOTED);
        if (paused) {
            status.publish(e, Kind.SUSPENDED, StateReason.USER);
        }
        log.info("domain '{}' started{} as id {} ({})", e.name(), paused ? " paused" : "", g.id(), g.process());
    }

    /** ACPI power button, then waits up to {@code timeout} (zero: not at all) for the guest to power off. */
    public ShutdownResult shutdown(DomainEntry e, Duration timeout) {
        return shutdown(e, timeout, false);
    }

    /** With {@code agent}, the guest agent's {@code guest-shutdown} instead of the ACPI power button. */
    public ShutdownResult shutdown(DomainEntry e, Duration timeout, boolean agent) {
        String name = e.name();
        RunningGuest g;
        try (OperationLock.Held held = lock(e, Operation.SHUTDOWN)) {
            Operation.SHUTDOWN.check(name, e.status());
            g = e.guest();
            if (agent) {
                GuestAgents.shutdown(g, name);
            } else {
                GuestControl.powerdown(g, name);
            }
        }
        String how = agent ? "the guest agent's shutdown" : "the ACPI power button";
        long t0 = System.nanoTime();
        try {
            DomainStatus s = timeout.isZero() ? e.status() : g.stopped().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            Duration waited = Duration.ofNanos(System.nanoTime() - t0);
            return s.state() == DomainState.SHUTOFF
                    ? new ShutdownResult(true, waited, s, "domain '" + name + "' is shut off")
                    : new ShutdownResult(false, waited, s, "domain '" + name + "' was sent " + how);
        } catch (TimeoutException ex) {
            return new ShutdownResult(false, timeout, e.status(), "domain '" + name + "' did not power off within "
                    + timeout.toSeconds() + " s of " + how + (agent ? "" : " (it may ignore ACPI)") + "; use destroy to force it off");
        } catch (ExecutionException ex) {
            throw new GuestControlException("shutdown of domain '" + name + "' failed: " + ex.getCause(), ex.getCause());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new GuestControlException("interrupted while waiting for domain '" + name + "' to shut down", ex);
        }
    }

    public DomainEntry.Snapshot destroy(DomainEntry e, boolean graceful) {
        try (OperationLock.Held held = lock(e, Operation.DESTROY)) {
            Operation.DESTROY.check(e.name(), e.status());
            teardown.destroy(e, e.guest(), graceful);
            return e.snapshot();
        }
    }

    public void reboot(DomainEntry e) {
        try (OperationLock.Held held = lock(e, Operation.REBOOT)) {
            Operation.REBOOT.check(e.name(), e.status());
            e.guest().rebootRequested().set(true);
            GuestControl.powerdown(e.guest(), e.name());
        }
    }

    public void reset(DomainEntry e) {
        try (OperationLock.Held held = lock(e, Operation.RESET)) {
            Operation.RESET.check(e.name(), e.status());
            e.guest().newReset();
            GuestControl.reset(e.guest(), e.name());
            status.publish(e, Kind.REBOOTED, e.status().reason());
        }
    }

    public DomainEntry.Snapshot suspend(DomainEntry e) {
        try (OperationLock.Held held = lock(e, Operation.SUSPEND)) {
            Operation.SUSPEND.check(e.name(), e.status());
            GuestControl.stop(e.guest(), e.name());
            status.set(e, DomainState.PAUSED, StateReason.USER, Kind.SUSPENDED);
            return e.snapshot();
        }
    }

    public DomainEntry.Snapshot resume(DomainEntry e) {
        try (OperationLock.Held held = lock(e, Operation.RESUME)) {
            Operation.RESUME.check(e.name(), e.status());
            GuestControl.cont(e.guest(), e.name());
            status.set(e, DomainState.RUNNING, StateReason.UNPAUSED, Kind.RESUMED);
            return e.snapshot();
        }
    }

    /**
     * The running guest of {@code e} for a query-like operation ({@link Operation#CONSOLE},
     * {@link Operation#MONITOR}, {@link Operation#WATCH_MONITOR}): checked against the state
     * machine, without the lock.
     */
    public RunningGuest guest(DomainEntry e, Operation op) {
        DomainEntry.Snapshot s = e.snapshot();
        op.check(e.name(), s.status());
        return s.guest();
    }
}
