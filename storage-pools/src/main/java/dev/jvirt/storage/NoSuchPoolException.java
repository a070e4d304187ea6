package dev.jvirt.storage;

/** No pool of that name is defined (or running, for a transient pool). */
public class NoSuchPoolException extends StorageException {
    private static final long serialVersionUID = 1L;

    public NoSuchPoolException(String message) {
        super(message);
    }

    public NoSuchPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
