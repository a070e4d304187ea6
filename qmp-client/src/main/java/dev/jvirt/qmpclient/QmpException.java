package dev.jvirt.qmpclient;

/**
 * Base of every failure this module reports. Messages are meant for people; the raw QMP JSON
 * that led to a failure is only ever written to the debug log.
 */
public class QmpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QmpException(String message) {
        super(message);
    }

    public QmpException(String message, Throwable cause) {
        super(message, cause);
    }
}
