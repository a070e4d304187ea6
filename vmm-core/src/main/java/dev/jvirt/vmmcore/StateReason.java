package dev.jvirt.vmmcore;

/** Why a domain is in its state, named as {@code virsh domstate --reason} names it. */
public enum StateReason {
    UNKNOWN("unknown"),
    /** running: started normally. */
    BOOTED("booted"),
    /** running: resumed after a pause. */
    UNPAUSED("unpaused"),
    /** running: restored from a save image; shut off: saved to one (virsh save, managedsave). */
    RESTORED("restored"),
    /** shut off: its state went into a save image (virsh save, managedsave). */
    SAVED("saved"),
    /** running, paused or shut off: reverted to a snapshot. */
    FROM_SNAPSHOT("from snapshot"),
    /** paused: by a user's request. */
    USER("user"),
    /** paused: QEMU is being set up by a start that has not finished (its CPUs never ran). */
    STARTING_UP("starting up"),
    /** paused: the guest powered off and {@code on_poweroff='preserve'} keeps it. */
    SHUTTING_DOWN("shutdown"),
    /** shut off: the guest powered itself off. */
    SHUTDOWN("shutdown"),
    /** shut off: forced off by a user's request. */
    DESTROYED("destroyed"),
    /** shut off: QEMU died without the guest powering off; crashed: the guest panicked. */
    CRASHED("crashed"),
    /** shut off: a start failed. */
    FAILED("failed"),
    /** crashed: the guest kernel panicked. */
    PANICKED("panicked");

    private final String label;

    StateReason(String label) {
        this.label = label;
    }

    /** libvirt's word for it, e.g. {@code destroyed}. */
    public String label() {
        return label;
    }
}
