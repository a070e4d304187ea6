package dev.jvirt.vmmcore;

/**
 * QEMU answered a passed-through monitor command with an error (virsh qemu-monitor-command):
 * QMP's {@code class} and {@code desc}, for the caller to show as QEMU's answer.
 */
public final class QemuMonitorException extends VmmException {
    private static final long serialVersionUID = 1L;
    private final String errorClass;
    private final String description;

    public QemuMonitorException(String domain, String errorClass, String description, Throwable cause) {
        super("QEMU of domain '" + domain + "' refused the command: " + description + " (" + errorClass + ")", cause);
        this.errorClass = errorClass;
        this.description = description;
    }

    /** QMP's error class, e.g. {@code CommandNotFound} or {@code GenericError}. */
    public String errorClass() {
        return errorClass;
    }

    /** QMP's description of the error. */
    public String description() {
        return description;
    }
}
