package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.vmmcore.DomainEvent;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.StateReason;
import dev.jvirt.vmmcore.store.RuntimeRecord;
import dev.jvirt.vmmcore.store.RuntimeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes a domain's status: in its entry (the one owner), then in its runtime record (written
 * from the entry, for a takeover), and as an event. Call with the domain's lock held.
 */
public final class StatusKeeper {
    private static final Logger log = LoggerFactory.getLogger(StatusKeeper.class);
    private final RuntimeStore runtime;
    private final EventBus events;

    public StatusKeeper(RuntimeStore runtime, EventBus events) {
        this.runtime = runtime;
        this.events = events;
    }

    /**
     * Sets the status of an active domain and publishes {@code kind} (null: no event). The record
     * is written as ACTIVE: only a committed start is ever changed here, since guest events and
     * operations wait for the lock the start holds until its commit.
     */
    public void set(DomainEntry e, DomainState state, StateReason reason, DomainEvent.Kind kind) {
        DomainStatus status = DomainStatus.of(state, reason);
        e.status(status);
        RunningGuest g = e.guest();
        if (g != null) {
            try {
                runtime.write(g.paths(), RuntimeRecord.of(e.name(), RuntimeRecord.Phase.ACTIVE, g.launch(), status));
            } catch (RuntimeException ex) {
                log.warn("domain '{}': status {} not recorded: {}", e.name(), status.describe(), ex.getMessage());
            }
        }
        if (kind != null) {
            events.publish(e.name(), kind, reason);
        }
    }

    public void publish(DomainEntry e, DomainEvent.Kind kind, StateReason reason) {
        events.publish(e.name(), kind, reason);
    }
}
