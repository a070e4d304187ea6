package dev.jvirt.vmmcore;

/** A domain's state, named as {@code virsh domstate} names it. */
public enum DomainState {
    RUNNING("running"),
    PAUSED("paused"),
    SHUTOFF("shut off"),
    /** Stopped by a guest panic and kept for inspection ({@code on_crash='preserve'}). */
    CRASHED("crashed");

    private final String label;

    DomainState(String label) {
        this.label = label;
    }

    /** libvirt's word for it, e.g. {@code shut off}. */
    public String label() {
        return label;
    }
}
