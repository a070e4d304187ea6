package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.qmpclient.QmpConnectionLostException;
import dev.jvirt.qmpclient.QmpEvent;
import dev.jvirt.qmpclient.QmpEventListener;
import dev.jvirt.qmpclient.QmpStatus;
import dev.jvirt.vmmcore.DomainEvent.Kind;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.StateReason;
import dev.jvirt.vmmcore.VmmException;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what QEMU reports over QMP into state changes, honouring {@code on_poweroff},
 * {@code on_reboot} and {@code on_crash}. Events of one guest are handled in order, off the QMP
 * thread, each under the domain's lock (so they never interleave with an operation).
 */
public final class GuestEventHandler {
    private static final Logger log = LoggerFactory.getLogger(GuestEventHandler.class);
    private static final Duration LOCK_WAIT = Duration.ofMinutes(5);
    private final Executor pool;
    private final StatusKeeper status;
    private final GuestTeardown teardown;

    public GuestEventHandler(Executor pool, StatusKeeper status, GuestTeardown teardown) {
        this.pool = pool;
        this.status = status;
        this.teardown = teardown;
    }

    /** Starts handling {@code g}'s events; call before {@code cont} so nothing is missed. */
    public void watch(DomainEntry e, RunningGuest g) {
        SerialExecutor serial = new SerialExecutor(pool);
        g.qmp().subscribe(new QmpEventListener() {
            @Override
            public void onEvent(QmpEvent event) {
                serial.execute(() -> locked(e, g, () -> onQmpEvent(e, g, event)));
            }

            @Override
            public void onConnectionLost(QmpConnectionLostException cause) {
                serial.execute(() -> locked(e, g, () -> teardown.exited(e, g)));
            }
        });
    }

    private void locked(DomainEntry e, RunningGuest g, Runnable action) {
        try (OperationLock.Held held = e.lock().acquire(Operation.GUEST_EVENT, LOCK_WAIT)) {
            if (e.guest() != g || g.isDetached()) {
                return;
            }
            action.run();
        } catch (VmmException | IllegalStateException ex) {
            if (g.qmp().isOpen()) {
                log.warn("domain '{}': {}", e.name(), ex.getMessage());
            } else {
                log.debug("domain '{}': QEMU went away while handling an event: {}", e.name(), ex.getMessage());
            }
        }
    }

    private void onQmpEvent(DomainEntry e, RunningGuest g, QmpEvent event) {
        log.debug("domain '{}': QMP event {} {}", e.name(), event.name(), event.data());
        boolean byGuest = event.data().path("guest").asBoolean(false);
        switch (event.name()) {
            case "SHUTDOWN" -> {
                if (byGuest) {
                    onGuestPoweroff(e, g, event.data().path("reason").asText());
                } else if ("host-signal".equals(event.data().path("reason").asText())) {
                    g.exitReason(StateReason.DESTROYED); // e.g. a graceful destroy's SIGTERM, taking effect late
                }
            }
            case "RESET" -> {
                if (g.newReset() && byGuest) {
                    status.publish(e, Kind.REBOOTED, e.status().reason());
                }
            }
            case "GUEST_PANICKED" -> onPanic(e, g);
            case "STOP", "RESUME" -> reconcile(e, g);
            default -> { }
        }
    }

    /** The guest powered off (or rebooted with {@code on_reboot='destroy'}); QEMU paused it. */
    private void onGuestPoweroff(DomainEntry e, RunningGuest g, String reason) {
        boolean reboot = "guest-reset".equals(reason);
        if (!reboot && g.rebootRequested().getAndSet(false)) {
            restart(e, g);
            return;
        }
        String action = reboot ? "destroy" : orDefault(g.live().onPoweroff(), "destroy");
        switch (action) {
            case "restart" -> restart(e, g);
            case "preserve" -> status.set(e, DomainState.PAUSED, StateReason.SHUTTING_DOWN, Kind.SUSPENDED);
            default -> {
                g.exitReason(StateReason.SHUTDOWN);
                GuestControl.quit(g);
            }
        }
    }

    private void onPanic(DomainEntry e, RunningGuest g) {
        status.publish(e, Kind.CRASHED, StateReason.PANICKED);
        switch (orDefault(g.live().onCrash(), "destroy")) {
            case "restart" -> restart(e, g);
            case "preserve" -> status.set(e, DomainState.CRASHED, StateReason.PANICKED, null);
            default -> {
                g.exitReason(StateReason.CRASHED);
                GuestControl.quit(g);
            }
        }
    }

    private void restart(DomainEntry e, RunningGuest g) {
        g.newReset();
        GuestControl.reset(g, e.name());
        GuestControl.cont(g, e.name());
        status.set(e, DomainState.RUNNING, StateReason.BOOTED, null);
        status.publish(e, Kind.REBOOTED, StateReason.BOOTED);
    }

    /** Brings the recorded state in line with QEMU's run state (events may describe the past). */
    public void reconcile(DomainEntry e, RunningGuest g) {
        if (g.exitReason() != null) {
            return;
        }
        QmpStatus s = GuestControl.status(g, e.name());
        DomainState now = e.status().state();
        switch (s.status()) {
            case "running" -> {
                if (now != DomainState.RUNNING) {
                    status.set(e, DomainState.RUNNING, StateReason.UNPAUSED, Kind.RESUMED);
                }
            }
            case "paused", "io-error", "watchdog", "debug", "internal-error" -> {
                if (now == DomainState.RUNNING) {
                    status.set(e, DomainState.PAUSED, StateReason.UNKNOWN, Kind.SUSPENDED);
                }
            }
            case "shutdown" -> {
                if (now == DomainState.RUNNING && g.exitReason() == null) {
                    onGuestPoweroff(e, g, "guest-shutdown");
                }
            }
            case "guest-panicked" -> {
                if (now != DomainState.CRASHED && g.exitReason() == null) {
                    onPanic(e, g);
                }
            }
            default -> { }
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
