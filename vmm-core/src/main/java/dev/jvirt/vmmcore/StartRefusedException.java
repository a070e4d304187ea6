package dev.jvirt.vmmcore;

/**
 * A start that cannot work for a reason the user can fix, found before QEMU ran or read from
 * what QEMU said: a disk image that is not there, a device this QEMU cannot build. The message is
 * libvirt's where libvirt has words for it ("Cannot access storage file '/x.qcow2': No such file
 * or directory"); {@link #hint()} names the part of the definition and what to do.
 */
public final class StartRefusedException extends StartFailedException {
    private static final long serialVersionUID = 1L;

    /**
     * What kind of problem, as libvirt classes it: an operating-system error on a host file, a
     * configuration this host cannot run, or a NIC on a network that is not defined or not active
     * ({@link #network()} names it).
     */
    public enum Kind { SYSTEM, UNSUPPORTED_CONFIG, NETWORK_MISSING, NETWORK_INACTIVE }

    private final Kind kind;
    private final String hint;
    private final String network;

    public StartRefusedException(String domain, Kind kind, String message, String hint) {
        this(domain, kind, message, hint, null);
    }

    /** A start refused because of {@code network} ({@link Kind#NETWORK_MISSING}, {@link Kind#NETWORK_INACTIVE}). */
    public StartRefusedException(String domain, Kind kind, String message, String hint, String network) {
        super(domain, message, true, null);
        this.kind = kind;
        this.hint = hint;
        this.network = network;
    }

    /** The network a NIC is on, for the NETWORK_ kinds; else null. */
    public String network() {
        return network;
    }

    public Kind kind() {
        return kind;
    }

    /** Where in the definition and what to do, or null. */
    public String hint() {
        return hint;
    }
}
