package dev.jvirt.vmmcore;

/** No domain of that name is defined or running. */
public final class NoSuchDomainException extends VmmException {
    private static final long serialVersionUID = 1L;
    private final String domain;

    public NoSuchDomainException(String domain) {
        super("domain '" + domain + "' not found");
        this.domain = domain;
    }

    public String domain() {
        return domain;
    }
}
