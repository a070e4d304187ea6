package dev.jvirt.storage;

/** An external tool (qemu-img, mount, mkfs, LVM) failed; the message carries its own words. */
public class ToolFailedException extends StorageException {
    private static final long serialVersionUID = 1L;

    public ToolFailedException(String message) {
        super(message);
    }

    public ToolFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
