package dev.jvirt.vmmcore;

/** The request clashes with an existing domain (same name, other UUID; or already exists). */
public final class DomainConflictException extends VmmException {
    private static final long serialVersionUID = 1L;

    public DomainConflictException(String message) {
        super(message);
    }
}
