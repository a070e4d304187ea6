package dev.jvirt.vmmcore;

/**
 * The domain XML could not be read or is not valid; the message is domain-xml's, with the element
 * path and line:column (the cause is domain-xml's exception, with every violation).
 */
public final class InvalidDomainException extends VmmException {
    private static final long serialVersionUID = 1L;

    public InvalidDomainException(String message, Throwable cause) {
        super(message, cause);
    }
}
