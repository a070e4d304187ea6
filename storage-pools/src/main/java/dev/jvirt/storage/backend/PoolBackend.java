package dev.jvirt.storage.backend;

import dev.jvirt.domainxml.pool.StoragePool;
import dev.jvirt.storage.BuildMode;

/**
 * One kind of pool ({@code <pool type='...'>}): how it is built, started, stopped and deleted on
 * the host, how full it is, and where its volumes live. Implementations hold no per-pool state:
 * everything comes from the definition and the host. Registered in {@link PoolBackends}.
 */
public interface PoolBackend {
    /** The pool type this backend serves. */
    String type();

    /** {@code pool-build}: make the target directory, filesystem or volume group. */
    void build(StoragePool pool, BuildMode mode);

    /** {@code pool-start}: mount, activate; a dir pool checks its directory. */
    void start(StoragePool pool);

    /** {@code pool-destroy}: unmount, deactivate. */
    void stop(StoragePool pool);

    /** {@code pool-delete}: remove what build made (an empty directory, the volume group). */
    void delete(StoragePool pool);

    /** Whether the host has the pool up: the directory exists, the filesystem is mounted, the VG is there. */
    boolean isUp(StoragePool pool);

    /** Capacity, allocation and available bytes, from statvfs or the VG. */
    PoolSpace space(StoragePool pool);

    /** The volumes of a started pool. */
    VolumeStore volumes(StoragePool pool);
}
