package dev.jvirt.virshcompat.client;

/**
 * jvirsh could not reach a daemon for the URI it was given; reported as virsh does:
 * {@code error: failed to connect to the hypervisor}, then the reason, then what to do.
 */
public final class ConnectException extends JvirshException {

    private static final long serialVersionUID = 1L;

    private final String hint;

    public ConnectException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    public ConnectException(String message, String hint) {
        this(message, hint, null);
    }

    public String hint() {
        return hint;
    }
}
