package dev.jvirt.domainxml.volume;

/** Fills a volume's format ({@code raw}, libvirt's default for file volumes) when absent. */
public final class VolumeDefaults {
    private VolumeDefaults() {}

    /** Returns the volume with defaults; present values are kept. */
    public static StorageVolume fill(StorageVolume v) {
        StorageVolume.Target t = v.target();
        if (t == null) {
            t = new StorageVolume.Target(null, "raw", null, null, false);
        } else if (t.format() == null) {
            t = new StorageVolume.Target(t.path(), "raw", t.permissions(), t.compat(), t.lazyRefcounts());
        }
        return new StorageVolume(v.type(), v.name(), v.key(), v.capacityBytes(), v.allocationBytes(), t, v.backingStore());
    }
}
