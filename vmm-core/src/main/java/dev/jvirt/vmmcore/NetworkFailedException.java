package dev.jvirt.vmmcore;

/**
 * A network operation that failed: a definition this host cannot run or that clashes with another
 * network ({@link Kind#INVALID}), an operation the network's state does not allow
 * ({@link Kind#STATE}: already active, not active, in use by guests), or a host tool that failed
 * ({@link Kind#HOST}), or a change jvirt does not make ({@link Kind#UNSUPPORTED}: a net-update section
 * other than ip-dhcp-host). The message names the network and, for a definition, the element.
 */
public final class NetworkFailedException extends VmmException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure. */
    public enum Kind { INVALID, STATE, HOST, UNSUPPORTED }

    private final String network;
    private final Kind kind;
    private final String hint;

    public NetworkFailedException(String network, Kind kind, String message, String hint, Throwable cause) {
        super(message, cause);
        this.network = network;
        this.kind = kind;
        this.hint = hint;
    }

    public String network() {
        return network;
    }

    public Kind kind() {
        return kind;
    }

    /** What to do, or null. */
    public String hint() {
        return hint;
    }
}
