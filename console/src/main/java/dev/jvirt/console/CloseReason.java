package dev.jvirt.console;

/**
 * Why a console session ended. The daemon sends it to the client in a
 * {@link dev.jvirt.console.stream.FrameType#CLOSED} frame, so the code of each constant is part of
 * the stream protocol: never renumber, only add.
 */
public enum CloseReason {
    /** The client detached (escape key, end of its input, or its connection closed). */
    DETACHED(0, 0),
    /** Another client attached as writer with force. */
    TAKEN_OVER(1, 1),
    /** QEMU closed the console socket: the guest stopped. */
    GUEST_STOPPED(2, 0),
    /** The client fell more than its queue's bound behind the guest's output and was dropped. */
    TOO_SLOW(3, 1),
    /** The hub was closed by the daemon (daemon stopping or the domain being torn down). */
    HUB_CLOSED(4, 1);

    private final int code;
    private final int exitStatus;

    CloseReason(int code, int exitStatus) {
        this.code = code;
        this.exitStatus = exitStatus;
    }

    /** The byte that stands for this reason on the wire. */
    public int code() {
        return code;
    }

    /** The exit status a console client ends with for this reason (virsh: 0 when the guest stops). */
    public int exitStatus() {
        return exitStatus;
    }

    public static CloseReason fromCode(int code) {
        for (CloseReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown console close reason code " + code);
    }

    /** A sentence for the person at the terminal, naming the domain. */
    public String describe(String domain) {
        return switch (this) {
            case DETACHED -> "Detached from the console of domain '" + domain + "'";
            case TAKEN_OVER -> "The console session of domain '" + domain
                    + "' was taken over by another client (--force)";
            case GUEST_STOPPED -> "Domain '" + domain + "' stopped; its console is closed";
            case TOO_SLOW -> "The console session of domain '" + domain
                    + "' was dropped: this client fell too far behind the guest's output";
            case HUB_CLOSED -> "The console of domain '" + domain + "' was closed by jvirtd";
        };
    }
}
