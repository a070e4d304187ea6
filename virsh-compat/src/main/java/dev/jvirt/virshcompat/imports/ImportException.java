package dev.jvirt.virshcompat.imports;

import dev.jvirt.virshcompat.client.JvirshException;

/** An import that cannot go on: libvirt unreachable, an answer it cannot read; said as {@code error: ...}. */
public final class ImportException extends JvirshException {

    private static final long serialVersionUID = 1L;

    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
