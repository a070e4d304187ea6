package dev.jvirt.storage;

/** The request itself is wrong: a bad name, size, format, option or a path that leaves the pool. */
public class InvalidStorageRequestException extends StorageException {
    private static final long serialVersionUID = 1L;

    public InvalidStorageRequestException(String message) {
        super(message);
    }

    public InvalidStorageRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
