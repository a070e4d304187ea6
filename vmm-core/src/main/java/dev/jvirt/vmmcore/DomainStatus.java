package dev.jvirt.vmmcore;

import java.util.Objects;

/** A state and its reason, as {@code virsh domstate --reason} prints them: {@code shut off (destroyed)}. */
public record DomainStatus(DomainState state, StateReason reason) {

    public static final DomainStatus SHUTOFF = new DomainStatus(DomainState.SHUTOFF, StateReason.UNKNOWN);

    public DomainStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }

    public static DomainStatus of(DomainState state, StateReason reason) {
        return new DomainStatus(state, reason);
    }

    /** Whether a QEMU process exists for the domain (running, paused or crashed-and-kept). */
    public boolean isActive() {
        return state != DomainState.SHUTOFF;
    }

    /** {@code running (booted)}. */
    public String describe() {
        return state.label() + " (" + reason.label() + ")";
    }
}
