package dev.jvirt.console;

/** The root of the console module's errors; messages are for the person at the terminal. */
public class ConsoleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConsoleException(String message) {
        super(message);
    }

    public ConsoleException(String message, Throwable cause) {
        super(message, cause);
    }
}
