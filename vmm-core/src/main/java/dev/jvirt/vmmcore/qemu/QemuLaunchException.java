package dev.jvirt.vmmcore.qemu;

import java.util.List;

/** QEMU did not come up: it exited with an error, or did not daemonize in time. */
public final class QemuLaunchException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<String> output;

    public QemuLaunchException(String message, List<String> output, Throwable cause) {
        super(message, cause);
        this.output = List.copyOf(output);
    }

    /** QEMU's last lines of stderr. */
    public List<String> output() {
        return output;
    }
}
