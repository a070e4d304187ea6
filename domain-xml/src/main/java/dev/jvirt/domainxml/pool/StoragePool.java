package dev.jvirt.domainxml.pool;

import dev.jvirt.domainxml.Permissions;
import java.util.List;

/**
 * A libvirt-format storage pool, {@code <pool type='dir|fs|netfs|logical'>}. Read with {@link PoolXml#parse}.
 *
 * @param type {@code dir}, {@code fs}, {@code netfs} or {@code logical}
 * @param name unique name
 * @param uuid UUID, or null until defaults
 * @param capacityBytes {@code <capacity>} (reported by libvirt, kept when given), or null
 * @param allocationBytes {@code <allocation>}, or null
 * @param availableBytes {@code <available>}, or null
 * @param source {@code <source>}, or null
 * @param targetPath {@code <target><path>}, or null
 * @param targetPermissions {@code <target><permissions>}, or null
 */
public record StoragePool(
        String type,
        String name,
        String uuid,
        Long capacityBytes,
        Long allocationBytes,
        Long availableBytes,
        Source source,
        String targetPath,
        Permissions targetPermissions) {

    /**
     * {@code <source>}: devices (fs: the block device; logical: physical volumes), a directory
     * (netfs: the exported path), a volume group name, a filesystem format, and the server
     * ({@code <host name='...'/>}, netfs only).
     */
    public record Source(List<String> devices, String dir, String name, String format, String host) {
        /** Normalises the list. */
        public Source {
            devices = devices == null ? List.of() : List.copyOf(devices);
        }

        /** A source without a host (every pool type but netfs). */
        public Source(List<String> devices, String dir, String name, String format) {
            this(devices, dir, name, format, null);
        }
    }
}
