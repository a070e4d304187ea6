package dev.jvirt.domainxml.volume;

import dev.jvirt.domainxml.Permissions;

/**
 * A libvirt-format storage volume, {@code <volume>}. Read with {@link VolumeXml#parse}.
 *
 * @param type {@code file} or {@code block}, or null
 * @param name name within its pool
 * @param key libvirt's key (usually the path), or null
 * @param capacityBytes logical size; sizes default to bytes as in libvirt
 * @param allocationBytes space to allocate up front, or null
 * @param target {@code <target>}, or null
 * @param backingStore {@code <backingStore>} for copy-on-write overlays, or null
 */
public record StorageVolume(
        String type,
        String name,
        String key,
        long capacityBytes,
        Long allocationBytes,
        Target target,
        BackingStore backingStore) {

    /** The target format, or null. */
    public String format() {
        return target == null ? null : target.format();
    }

    /**
     * {@code <target><path/><format type/><permissions/><compat/><features><lazy_refcounts/></features></target>}.
     */
    public record Target(String path, String format, Permissions permissions, String compat, boolean lazyRefcounts) {}

    /** {@code <backingStore><path/><format type/><permissions/></backingStore>}. */
    public record BackingStore(String path, String format, Permissions permissions) {}
}
