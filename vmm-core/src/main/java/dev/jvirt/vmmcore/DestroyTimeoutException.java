package dev.jvirt.vmmcore;

/**
 * {@code destroy --graceful} sent SIGTERM and QEMU did not exit in time. Nothing else was done:
 * the domain keeps its state and its QEMU.
 */
public final class DestroyTimeoutException extends VmmException {
    private static final long serialVersionUID = 1L;
    private final String domain;

    public DestroyTimeoutException(String domain, String detail) {
        super("cannot destroy domain '" + domain + "' gracefully: " + detail);
        this.domain = domain;
    }

    public String domain() {
        return domain;
    }
}
