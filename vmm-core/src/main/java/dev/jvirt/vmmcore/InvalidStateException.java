package dev.jvirt.vmmcore;

import java.util.Set;
import java.util.stream.Collectors;

/** The operation does not apply to the domain's current state (e.g. {@code resume} of a running domain). */
public final class InvalidStateException extends VmmException {
    private static final long serialVersionUID = 1L;
    private final String domain;
    private final String operation;
    private final DomainStatus status;

    public InvalidStateException(String domain, String operation, DomainStatus status, Set<DomainState> accepted) {
        super("cannot " + operation + " domain '" + domain + "': it is " + status.describe() + "; it must be " + accepted.stream().map(DomainState::label).sorted()
                .collect(Collectors.joining(" or ")));
        this.domain = domain;
        this.operation = operation;
        this.status = status;
    }

    public String domain() {
        return domain;
    }

    public String operation() {
        return operation;
    }

    public DomainStatus status() {
        return status;
    }
}
