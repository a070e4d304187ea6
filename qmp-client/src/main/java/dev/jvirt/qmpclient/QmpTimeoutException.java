package dev.jvirt.qmpclient;

/** QEMU did not answer in time: a command, the greeting, or the capabilities negotiation. */
public final class QmpTimeoutException extends QmpException {
    private static final long serialVersionUID = 1L;

    public QmpTimeoutException(String message) {
        super(message);
    }
}
