package dev.jvirt.vmmcore;

/** Another lifecycle operation on the same domain is in progress; retry once it has finished. */
public final class DomainBusyException extends VmmException {
    private static final long serialVersionUID = 1L;
    private final String domain;
    private final String operationInProgress;

    public DomainBusyException(String domain, String requested, String operationInProgress) {
        super("domain '" + domain + "' is busy: " + operationInProgress + " is in progress; "
                + requested + " was not attempted, retry when it has finished");
        this.domain = domain;
        this.operationInProgress = operationInProgress;
    }

    public String domain() {
        return domain;
    }

    /** The operation holding the domain, e.g. {@code start}. */
    public String operationInProgress() {
        return operationInProgress;
    }
}
