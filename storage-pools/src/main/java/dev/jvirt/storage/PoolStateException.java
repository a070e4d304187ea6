package dev.jvirt.storage;

/** The pool is in the wrong state for the operation (inactive, active, not persistent, not empty). */
public class PoolStateException extends StorageException {
    private static final long serialVersionUID = 1L;

    public PoolStateException(String message) {
        super(message);
    }

    public PoolStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
