package dev.jvirt.storage;

/** An upload into the volume did not finish; only a new upload or delete is allowed. */
public class VolumeIncompleteException extends StorageException {
    private static final long serialVersionUID = 1L;

    public VolumeIncompleteException(String message) {
        super(message);
    }

    public VolumeIncompleteException(String message, Throwable cause) {
        super(message, cause);
    }
}
