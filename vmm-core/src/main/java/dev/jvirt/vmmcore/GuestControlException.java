package dev.jvirt.vmmcore;

/** QEMU did not carry out a control command (QMP failed, or the process could not be signalled). */
public final class GuestControlException extends VmmException {
    private static final long serialVersionUID = 1L;

    public GuestControlException(String message, Throwable cause) {
        super(message, cause);
    }
}
