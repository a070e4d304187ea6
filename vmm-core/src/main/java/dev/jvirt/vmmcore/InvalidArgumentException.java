package dev.jvirt.vmmcore;

/** A request's argument is malformed (e.g. a monitor command that is not a QMP command object); nothing was done. */
public final class InvalidArgumentException extends VmmException {
    private static final long serialVersionUID = 1L;

    public InvalidArgumentException(String message) {
        super(message);
    }
}
