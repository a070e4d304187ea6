package dev.jvirt.storage;

import java.nio.file.Path;

/**
 * A volume resolved for a guest's {@code <disk type='volume'>}: where it is and in which format,
 * held by a lease (no job may write it, nor delete it without force) until {@link #close()}, the
 * undo of the host-preparation step.
 */
public final class ResolvedVolume implements AutoCloseable {
    private final VolumeRef ref;
    private final Path path;
    private final String type;
    private final String format;
    private final long capacity;
    private final Runnable release;

    ResolvedVolume(VolumeRef ref, Path path, String type, String format, long capacity, Runnable release) {
        this.ref = ref;
        this.path = path;
        this.type = type;
        this.format = format;
        this.capacity = capacity;
        this.release = release;
    }

    public VolumeRef ref() {
        return ref;
    }

    /** The file or block device QEMU opens. */
    public Path path() {
        return path;
    }

    /** {@code file} or {@code block}: which QEMU driver ({@code file} or {@code host_device}) opens it. */
    public String type() {
        return type;
    }

    /** The image format, for the format node ({@code qcow2}, {@code raw}). */
    public String format() {
        return format;
    }

    public long capacity() {
        return capacity;
    }

    /** Gives the lease back; calling it again does nothing. */
    @Override
    public void close() {
        release.run();
    }
}
