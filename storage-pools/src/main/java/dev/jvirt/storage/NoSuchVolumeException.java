package dev.jvirt.storage;

/** No volume of that name in the pool. */
public class NoSuchVolumeException extends StorageException {
    private static final long serialVersionUID = 1L;

    public NoSuchVolumeException(String message) {
        super(message);
    }

    public NoSuchVolumeException(String message, Throwable cause) {
        super(message, cause);
    }
}
