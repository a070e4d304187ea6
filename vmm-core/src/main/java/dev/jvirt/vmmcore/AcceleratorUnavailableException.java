package dev.jvirt.vmmcore;

/** {@code <domain type='kvm'>} on a host where KVM cannot run guests; the message says why and what to use. */
public final class AcceleratorUnavailableException extends StartFailedException {
    private static final long serialVersionUID = 1L;

    public AcceleratorUnavailableException(String domain, String reason) {
        super(domain, "KVM is not usable on this host: " + reason
                + (reason.contains("type='qemu'") ? "" : "; use <domain type='qemu'> (TCG) instead"), null);
    }
}
