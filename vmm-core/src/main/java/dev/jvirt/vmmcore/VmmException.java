package dev.jvirt.vmmcore;

/**
 * Base of every failure the {@link Hypervisor} reports. Messages are for people: what failed, on
 * which domain, and what to do; the cause is kept for the log.
 */
public class VmmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VmmException(String message) {
        super(message);
    }

    public VmmException(String message, Throwable cause) {
        super(message, cause);
    }
}
