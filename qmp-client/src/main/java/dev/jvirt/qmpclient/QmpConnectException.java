package dev.jvirt.qmpclient;

/** Could not connect to a QMP socket within the connect timeout (after retrying). */
public final class QmpConnectException extends QmpException {
    private static final long serialVersionUID = 1L;

    public QmpConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
