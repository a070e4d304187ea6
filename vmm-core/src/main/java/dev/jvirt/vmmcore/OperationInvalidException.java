package dev.jvirt.vmmcore;

/**
 * The operation cannot apply to the domain as it is, for a reason other than its state alone
 * (libvirt's VIR_ERR_OPERATION_INVALID, e.g. "cannot resize the maximum memory on an active
 * domain"); nothing was done.
 */
public final class OperationInvalidException extends VmmException {
    private static final long serialVersionUID = 1L;

    public OperationInvalidException(String message) {
        super(message);
    }
}
