package dev.jvirt.storage;

/** What {@code pool-build} may do to the pool's source (virsh's {@code --overwrite}, {@code --no-overwrite}). */
public enum BuildMode {
    /** Make the target directory (and, for logical pools, the volume group); no filesystem is made. */
    NORMAL,
    /** Also make a filesystem (fs) or physical volumes (logical), whatever the device holds. */
    OVERWRITE,
    /** Make them only if the device holds no filesystem or signature yet; refuse otherwise. */
    NO_OVERWRITE
}
