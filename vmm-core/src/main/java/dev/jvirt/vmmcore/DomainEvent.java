package dev.jvirt.vmmcore;

import java.time.Instant;
import java.util.Objects;

/**
 * A lifecycle event, as libvirt's lifecycle events name them.
 *
 * @param domain the domain's name
 * @param kind   what happened
 * @param reason for {@link Kind#STOPPED} why (shutdown, destroyed, crashed, failed); otherwise the
 *               reason of the state the domain is now in
 * @param at     when jvirt saw it
 */
public record DomainEvent(String domain, Kind kind, StateReason reason, Instant at) {

    public DomainEvent {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    public enum Kind {
        DEFINED,
        UNDEFINED,
        STARTED,
        SUSPENDED,
        RESUMED,
        /** The guest reset (its own reboot, a {@code reboot} or a {@code reset}); it keeps running. */
        REBOOTED,
        /** QEMU is gone; {@link DomainEvent#reason()} says why. */
        STOPPED,
        /** The guest kernel panicked; what follows depends on {@code on_crash}. */
        CRASHED
    }
}
