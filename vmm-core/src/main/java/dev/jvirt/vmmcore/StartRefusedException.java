package dev.jvirt.vmmcore;

/**
 * A start that cannot work for a reason the user can fix, found before QEMU ran or read from
 * what QEMU said: a disk image that is not there, a device this QEMU cannot build. The message is
 * libvirt's where libvirt has words for it ("Cannot access storage file '/x.qcow2': No such file
 * or directory"); {@link #hint()} names the part of the definition and what to do.
 */
public final class StartRefusedException extends StartFailedException {
    private static final long serialVersionUID = 1L;

    /** What kind of problem, as libvirt classes it: an operating-system error on a host file, or a configuration this host cannot run. */
    public enum Kind { SYSTEM, UNSUPPORTED_CONFIG }

    private final Kind kind;
    private final String hint;

    public StartRefusedException(String domain, Kind kind, String message, String hint) {
        super(domain, message, true, null);
        this.kind = kind;
        this.hint = hint;
    }

    public Kind kind() {
        return kind;
    }

    /** Where in the definition and what to do, or null. */
    public String hint() {
        return hint;
    }
}
