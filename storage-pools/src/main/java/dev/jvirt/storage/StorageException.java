package dev.jvirt.storage;

/**
 * Base of every failure storage-pools reports. Messages are for people: what failed, on which pool
 * or volume, and what to do; the cause is kept for the log.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
