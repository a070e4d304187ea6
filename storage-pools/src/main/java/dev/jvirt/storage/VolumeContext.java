package dev.jvirt.storage;

import dev.jvirt.storage.backend.VolumeStore;
import dev.jvirt.storage.exec.QemuImg;

/** What the volume operations share: the pools, the per-volume locks, the incomplete markers, the jobs, qemu-img. */
record VolumeContext(StoragePools pools, VolumeLocks locks, IncompleteMarkers markers, Jobs jobs, QemuImg qemuImg) {
    /** The store of the volume's pool, which must be running; the name is checked first. */
    VolumeStore store(VolumeRef v) {
        VolumeNames.check(v.volume());
        return pools.running(v.pool()).store();
    }
}
