package dev.jvirt.virshcompat.client;

/** The command was used wrongly (options that exclude each other, a missing choice): one line, no context. */
public final class UsageException extends JvirshException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
