package dev.jvirt.api.unix;

import java.io.IOException;

/** A directory that another user could have prepared: what is wrong with it, and what to do. */
public final class UntrustedPathException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String fix;

    public UntrustedPathException(String message, String fix) {
        super(message);
        this.fix = fix;
    }

    /** What the user can do about it. */
    public String fix() {
        return fix;
    }
}
