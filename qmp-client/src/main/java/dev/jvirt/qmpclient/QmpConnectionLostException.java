package dev.jvirt.qmpclient;

/**
 * The QMP connection is gone (QEMU quit or died, the socket closed, or the client was closed);
 * every command still pending fails with this at once, and so does every later command.
 */
public final class QmpConnectionLostException extends QmpException {
    private static final long serialVersionUID = 1L;

    public QmpConnectionLostException(String message) {
        super(message);
    }

    public QmpConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
