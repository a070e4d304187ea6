package dev.jvirt.vmmcore;

/**
 * An operation did not finish in the time it was given (a shutdown the guest did not obey, a
 * graceful destroy QEMU did not heed). Nothing else was done: the domain is as it was.
 */
public class OperationTimeoutException extends VmmException {
    private static final long serialVersionUID = 1L;
    private final String domain;

    public OperationTimeoutException(String domain, String message) {
        super(message);
        this.domain = domain;
    }

    public String domain() {
        return domain;
    }
}
