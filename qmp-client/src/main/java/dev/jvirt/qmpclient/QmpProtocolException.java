package dev.jvirt.qmpclient;

/**
 * The peer broke the QMP protocol: bytes that are not JSON, a message of no known kind, a reply
 * to a command nobody sent. The connection cannot be trusted afterwards and is closed.
 */
public final class QmpProtocolException extends QmpException {
    private static final long serialVersionUID = 1L;

    public QmpProtocolException(String message) {
        super(message);
    }

    public QmpProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
