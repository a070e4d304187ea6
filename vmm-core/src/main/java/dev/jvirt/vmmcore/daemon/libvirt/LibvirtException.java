package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.libvirtwire.RemoteError;

/** A failure a procedure reports in libvirt's terms: a virterror code and domain and a message. */
final class LibvirtException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient RemoteError error;

    LibvirtException(int code, int domain, String message) {
        super(message);
        this.error = RemoteError.of(code, domain, message);
    }

    RemoteError error() {
        return error;
    }
}
