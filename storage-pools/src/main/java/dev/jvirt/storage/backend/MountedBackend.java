package dev.jvirt.storage.backend;

import dev.jvirt.domainxml.pool.StoragePool;
import dev.jvirt.storage.exec.QemuImg;

/** A file-system pool that is up when something is mounted on its target (fs, netfs). */
abstract class MountedBackend extends FileSystemBackend {
    protected final Mounts mounts;

    MountedBackend(QemuImg qemuImg, Mounts mounts) {
        super(qemuImg);
        this.mounts = mounts;
    }

    @Override
    public void stop(StoragePool pool) {
        if (mounts.isMounted(target(pool))) {
            mounts.umount(target(pool), pool.name());
        }
    }

    @Override
    public boolean isUp(StoragePool pool) {
        return mounts.isMounted(target(pool));
    }
}
