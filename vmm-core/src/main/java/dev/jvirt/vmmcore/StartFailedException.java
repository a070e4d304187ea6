package dev.jvirt.vmmcore;

import java.util.List;

/**
 * A start failed; the domain is shut off and nothing of the attempt is left behind. When QEMU
 * itself refused, {@link #qemuOutput()} holds its last lines (also in the message).
 */
public class StartFailedException extends VmmException {
    private static final long serialVersionUID = 1L;
    private final String domain;
    private final transient List<String> qemuOutput;

    public StartFailedException(String domain, String message, List<String> qemuOutput, Throwable cause) {
        super(compose(domain, message, qemuOutput), cause);
        this.domain = domain;
        this.qemuOutput = List.copyOf(qemuOutput);
    }

    public StartFailedException(String domain, String message, Throwable cause) {
        this(domain, message, List.of(), cause);
    }

    /** {@code verbatim}: the message as given, without "failed to start domain" (a subclass with libvirt's words). */
    protected StartFailedException(String domain, String message, boolean verbatim, Throwable cause) {
        super(verbatim ? message : compose(domain, message, List.of()), cause);
        this.domain = domain;
        this.qemuOutput = List.of();
    }

    private static String compose(String domain, String message, List<String> qemuOutput) {
        StringBuilder sb = new StringBuilder("failed to start domain '").append(domain).append("': ").append(message);
        if (!qemuOutput.isEmpty()) {
            sb.append("; QEMU said:");
            qemuOutput.forEach(line -> sb.append("\n  ").append(line));
        }
        return sb.toString();
    }

    public String domain() {
        return domain;
    }

    /** QEMU's last lines of output (stderr), empty when QEMU was not the one that failed. */
    public List<String> qemuOutput() {
        return qemuOutput == null ? List.of() : qemuOutput;
    }
}
