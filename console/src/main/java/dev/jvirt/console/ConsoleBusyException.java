package dev.jvirt.console;

/** A writer asked to attach while another writer holds the console, without force. */
public final class ConsoleBusyException extends ConsoleException {

    private static final long serialVersionUID = 1L;

    private final String domain;

    public ConsoleBusyException(String domain) {
        super("domain '" + domain + "' already has a console session; use --force to take it over");
        this.domain = domain;
    }

    public String domain() {
        return domain;
    }
}
