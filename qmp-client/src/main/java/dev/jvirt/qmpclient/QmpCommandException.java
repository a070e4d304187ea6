package dev.jvirt.qmpclient;

/** QEMU answered a command with an error object: carries QMP's {@code class} and {@code desc}. */
public final class QmpCommandException extends QmpException {
    private static final long serialVersionUID = 1L;

    private final String command;
    private final String errorClass;
    private final String description;

    public QmpCommandException(String command, String errorClass, String description) {
        super("QMP command '" + command + "' failed: " + errorClass + ": " + description);
        this.command = command;
        this.errorClass = errorClass;
        this.description = description;
    }

    /** The command that failed, e.g. {@code blockdev-add}. */
    public String command() {
        return command;
    }

    /** QMP's error class, e.g. {@code GenericError}, {@code DeviceNotFound}. */
    public String errorClass() {
        return errorClass;
    }

    /** QMP's human-readable {@code desc}. */
    public String description() {
        return description;
    }
}
