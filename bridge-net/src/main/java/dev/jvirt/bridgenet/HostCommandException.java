package dev.jvirt.bridgenet;

import java.util.List;

/** A host tool ({@code ip}, {@code nft}, {@code dnsmasq}) failed; carries its argv, exit status and words. */
public class HostCommandException extends NetworkException {

    private static final long serialVersionUID = 1L;

    private final List<String> argv;
    private final int exitStatus;

    public HostCommandException(String message, List<String> argv, int exitStatus, Throwable cause) {
        super(message, cause);
        this.argv = List.copyOf(argv);
        this.exitStatus = exitStatus;
    }

    public List<String> argv() {
        return argv;
    }

    /** The exit status, or -1 when the tool did not run or did not finish. */
    public int exitStatus() {
        return exitStatus;
    }
}
