package dev.jvirt.storage;

import dev.jvirt.domainxml.volume.StorageVolume;

/**
 * A volume to create: {@code vol-create-as NAME CAPACITY --format F --prealloc-metadata
 * --backing-vol B --backing-vol-format BF}, or a {@code <volume>} definition.
 *
 * @param name the new volume's name in its pool
 * @param format {@code qcow2} or {@code raw}
 * @param capacityBytes virtual size; -1 for a linked clone means the backing volume's size
 * @param preallocation how much is allocated up front
 * @param backing the backing volume of a linked clone, or null
 * @param backingFormat the backing volume's format, or null to take what qemu-img reports of it
 */
public record VolumeSpec(String name, String format, long capacityBytes, Preallocation preallocation,
        VolumeRef backing, String backingFormat) {

    /** Normalises absent values. */
    public VolumeSpec {
        format = format == null ? (backing != null ? "qcow2" : "raw") : format;
        preallocation = preallocation == null ? Preallocation.OFF : preallocation;
    }

    /** A plain volume. */
    public static VolumeSpec of(String name, String format, long capacityBytes, Preallocation preallocation) {
        return new VolumeSpec(name, format, capacityBytes, preallocation, null, null);
    }

    /** A qcow2 linked clone over {@code backing}, as large as it unless {@code capacityBytes >= 0}. */
    public static VolumeSpec linkedClone(String name, VolumeRef backing, String backingFormat, long capacityBytes) {
        return new VolumeSpec(name, "qcow2", capacityBytes, Preallocation.OFF, backing, backingFormat);
    }

    /**
     * From a {@code <volume>} definition (already loaded by domain-xml). A backing store is given
     * there by path; {@code backingRef} is that path resolved to a volume by the caller, or null.
     * Allocation equal to capacity means full preallocation, as in libvirt; {@code metadata}
     * is virsh's {@code --prealloc-metadata}.
     */
    public static VolumeSpec fromDefinition(StorageVolume v, VolumeRef backingRef, boolean metadata) {
        Preallocation pre = metadata ? Preallocation.METADATA
                : v.allocationBytes() != null && v.allocationBytes() >= v.capacityBytes() && v.capacityBytes() > 0
                        ? Preallocation.FALLOC : Preallocation.OFF;
        String bf = v.backingStore() == null ? null : v.backingStore().format();
        return new VolumeSpec(v.name(), v.format(), v.capacityBytes(), pre, backingRef, bf);
    }
}
