package dev.jvirt.vmmcore;

/**
 * A QEMU guest agent call that failed: the domain has no agent channel, the agent does not
 * answer (the guest is still booting, or runs no agent), or the agent refused the command.
 */
public final class GuestAgentException extends VmmException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for the error code. */
    public enum Kind {
        /** No channel, or no answer: nothing the guest agent said. */
        UNAVAILABLE,
        /** The agent answered with an error. */
        REFUSED,
        /** A command run by the agent did not exit in time (it goes on in the guest). */
        TIMEOUT
    }

    private final Kind kind;

    public GuestAgentException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
