package dev.jvirt.virshcompat.client;

/** A failure jvirsh reports to the user as {@code error: MESSAGE} and exit status 1. */
public class JvirshException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JvirshException(String message) {
        super(message);
    }

    public JvirshException(String message, Throwable cause) {
        super(message, cause);
    }
}
