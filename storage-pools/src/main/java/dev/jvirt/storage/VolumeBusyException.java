package dev.jvirt.storage;

/** Another operation (a job, or a running guest's lease) holds the volume. */
public class VolumeBusyException extends StorageException {
    private static final long serialVersionUID = 1L;

    public VolumeBusyException(String message) {
        super(message);
    }

    public VolumeBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
