package dev.jvirt.console;

/** The console cannot be used: QEMU's socket is gone (guest stopped) or the hub was closed. */
public final class ConsoleUnavailableException extends ConsoleException {

    private static final long serialVersionUID = 1L;

    public ConsoleUnavailableException(String message) {
        super(message);
    }

    public ConsoleUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
