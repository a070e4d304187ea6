package dev.jvirt.vmmcore.host;

/** Storage pools: resolves a {@code <disk type='volume'>}'s pool and volume to what QEMU opens. */
@FunctionalInterface
public interface StorageBackend {

    /**
     * The volume {@code volume} of pool {@code pool}, ready for domain {@code domain} to open.
     *
     * @throws Exception no such pool or volume, or it cannot be used; the message names them
     */
    Prepared<Volume> prepare(String domain, String pool, String volume) throws Exception;

    /**
     * A volume's host side.
     *
     * @param path   the file or block device
     * @param block  whether it is a block device ({@code <disk type='block'>}) rather than a file
     * @param format its image format ({@code raw}, {@code qcow2}), or null to keep the disk's {@code <driver type>}
     */
    record Volume(String path, boolean block, String format) {
        public Volume {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("a volume's path is absolute: '" + path + "'");
            }
        }
    }
}
