package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.vmmcore.DestroyTimeoutException;
import dev.jvirt.vmmcore.DomainEvent;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.GuestControlException;
import dev.jvirt.vmmcore.StateReason;
import dev.jvirt.vmmcore.host.Prepared;
import dev.jvirt.vmmcore.qemu.Passts;
import dev.jvirt.vmmcore.qemu.ProcFs;
import dev.jvirt.vmmcore.store.RuntimeStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a running guest: forced stop (SIGTERM, then SIGKILL after a grace period), and the cleanup
 * every way of stopping shares (passt helpers stopped, runtime directory removed, status shut off, event, transient
 * domains forgotten). Call with the domain's lock held.
 */
public final class GuestTeardown {
    private static final Logger log = LoggerFactory.getLogger(GuestTeardown.class);
    private static final Duration EXIT_AFTER_QMP_LOST = Duration.ofSeconds(3);
    private static final Duration CONSOLE_END_WAIT = Duration.ofSeconds(2);
    private final RuntimeStore runtime;
    private final DomainRegistry registry;
    private final EventBus events;
    private final Duration grace;

    public GuestTeardown(RuntimeStore runtime, DomainRegistry registry, EventBus events, Duration grace) {
        this.runtime = runtime;
        this.registry = registry;
        this.events = events;
        this.grace = grace;
    }

    /**
     * {@code destroy}: SIGTERM, then SIGKILL after the grace period; exit judged by QMP closing or
     * /proc. {@code graceful} (virsh's {@code destroy --graceful}): SIGTERM only, so QEMU can flush
     * its caches; if it has not exited after the grace period, {@link DestroyTimeoutException} and
     * the guest goes on as it was (the SIGTERM may still take effect later).
     */
    public DomainStatus destroy(DomainEntry e, RunningGuest g, boolean graceful) {
        if (graceful) {
            g.process().terminate();
            if (!g.process().awaitExit(grace, g::hasExited)) {
                throw new DestroyTimeoutException(e.name(), g.process() + " did not exit within " + grace.toSeconds()
                        + " s of SIGTERM; it still runs (destroy without --graceful forces it off with SIGKILL)");
            }
        } else if (!g.process().stop(grace, g::hasExited)) {
            throw new GuestControlException("domain '" + e.name() + "': " + g.process()
                    + " did not exit after SIGTERM and SIGKILL", null);
        }
        return finish(e, g, StateReason.DESTROYED);
    }

    /** QEMU's QMP connection went away: make sure the process is gone too, then clean up. */
    public DomainStatus exited(DomainEntry e, RunningGuest g) {
        if (!g.process().awaitExit(EXIT_AFTER_QMP_LOST, () -> false)) {
            log.warn("domain '{}': QMP closed but {} still runs; stopping it", e.name(), g.process());
            g.process().stop(grace, () -> false);
        }
        StateReason reason = g.exitReason() != null ? g.exitReason() : StateReason.CRASHED;
        return finish(e, g, reason);
    }

    /**
     * QEMU is gone, so its console socket closed: give the hub a moment to see that, so attached
     * clients are told the guest stopped (not that the hub was closed); detach() then closes it.
     */
    private static void awaitConsoleEnd(DomainEntry e, RunningGuest g) {
        ConsoleHub hub = g.consoleHub();
        if (hub == null) {
            return;
        }
        try {
            hub.ended().toCompletableFuture().get(CONSOLE_END_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException ex) {
            log.debug("domain '{}': console hub still open after QEMU exited; closing it", e.name());
        }
    }

    /** What the host phase of the start prepared (TAPs, volumes), given back newest first. */
    private static void releaseHostResources(DomainEntry e, RunningGuest g) {
        List<Prepared.Release> resources = g.hostResources();
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).release();
            } catch (Exception ex) {
                log.warn("domain '{}': cannot release a host resource: {}", e.name(), ex.toString());
            }
        }
    }

    /** The process is gone: remove its files, mark the domain shut off, tell subscribers. */
    public DomainStatus finish(DomainEntry e, RunningGuest g, StateReason reason) {
        awaitConsoleEnd(e, g);
        g.detach();
        g.qmp().close();
        Passts.stopRecorded(g.paths(), ProcFs.system()); // each passt NIC's, by its recorded pid
        try {
            runtime.remove(g.paths());
        } catch (RuntimeException ex) {
            log.warn("domain '{}': {}", e.name(), ex.getMessage());
        }
        releaseHostResources(e, g);
        DomainStatus status = DomainStatus.of(DomainState.SHUTOFF, reason);
        e.deactivate(status);
        if (!e.isPersistent()) {
            registry.remove(e);
        }
        events.publish(e.name(), DomainEvent.Kind.STOPPED, reason);
        g.stopped().complete(status);
        return status;
    }
}
