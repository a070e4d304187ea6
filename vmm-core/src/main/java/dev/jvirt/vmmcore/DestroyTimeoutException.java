package dev.jvirt.vmmcore;

/**
 * {@code destroy --graceful} sent SIGTERM and QEMU did not exit in time. Nothing else was done:
 * the domain keeps its state and its QEMU.
 */
public final class DestroyTimeoutException extends OperationTimeoutException {
    private static final long serialVersionUID = 1L;

    public DestroyTimeoutException(String domain, String detail) {
        super(domain, "cannot destroy domain '" + domain + "' gracefully: " + detail);
    }
}
