package dev.jvirt.vmmcore.security;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A directory or file jvirtd would use is not safe to trust: another owner, a mode that lets
 * others write, or a symbolic link someone else controls. The message says what to fix.
 */
public final class UnsafePathException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path path;

    public UnsafePathException(Path path, String message) {
        super(message);
        this.path = path;
    }

    /** The path that is not safe. */
    public Path path() {
        return path;
    }
}
