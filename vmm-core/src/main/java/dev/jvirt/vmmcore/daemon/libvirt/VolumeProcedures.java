package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.domainxml.volume.StorageVolume;
import dev.jvirt.domainxml.volume.VolumeXml;
import dev.jvirt.libvirtwire.Protocol;
import dev.jvirt.libvirtwire.VirError;
import dev.jvirt.libvirtwire.WireVolume;
import dev.jvirt.libvirtwire.XdrReader;
import dev.jvirt.libvirtwire.XdrWriter;
import dev.jvirt.storage.NoSuchVolumeException;
import dev.jvirt.storage.Preallocation;
import dev.jvirt.storage.StorageException;
import dev.jvirt.storage.StoragePools;
import dev.jvirt.storage.VolumeInfo;
import dev.jvirt.storage.VolumeRef;
import dev.jvirt.storage.VolumeSpec;
import dev.jvirt.storage.WipeAlgorithm;
import dev.jvirt.vmmcore.HostStorage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Storage volumes: listing in a pool, lookups (by name, path, key), create (also from a volume),
 * delete, resize, wipe and the queries, over {@link HostStorage} as the REST storage routes call it
 * (a delete goes through {@link HostStorage#deleteVolume}, which refuses a volume a guest uses).
 * A volume's key is its path, as in libvirt's dir and logical pools. Copies and wipes are the
 * library's jobs; the call returns when the job has ended, as libvirt's does.
 */
final class VolumeProcedures {
    /** virStorageVolCreateFlags, virStorageVolResizeFlags. */
    private static final int CREATE_PREALLOC_METADATA = 1;
    private static final int RESIZE_DELTA = 2, RESIZE_SHRINK = 4;
    /** virStorageVolInfoFlags. */
    private static final int GET_PHYSICAL = 1;
    /** virStorageVolType. */
    private static final int TYPE_FILE = 0, TYPE_BLOCK = 1;
    /** virStorageVolWipeAlgorithm: ZERO 0 ... RANDOM 8, TRIM 9; the multi-pass patterns in between. */
    private static final List<String> WIPE = List.of("zero", "nnsa", "dod", "bsi", "gutmann", "schneier", "pfitzner7",
            "pfitzner33", "random", "trim");
    private static final Duration JOB_LIMIT = Duration.ofHours(6);
    private final HostStorage storage;
    private final StoragePools pools;
    private final PoolProcedures poolArgs;

    VolumeProcedures(HostStorage storage, PoolProcedures poolArgs) {
        this.storage = storage;
        this.pools = storage.pools();
        this.poolArgs = poolArgs;
    }

    void register(ProcedureTable t) {
        t.on("REMOTE_PROC_STORAGE_POOL_LIST_ALL_VOLUMES", c -> {
            String pool = poolArgs.running(poolArgs.poolName(c));
            boolean needResults = c.args().readInt() != 0;
            c.args().readUnsigned();
            c.argsDone();
            List<String> names = pools.volumes().list(pool).stream().sorted().toList();
            XdrWriter w = c.ret();
            w.writeInt(needResults ? names.size() : 0);
            if (needResults) {
                names.forEach(n -> wire(new VolumeRef(pool, n)).write(w));
            }
            w.writeUnsigned(names.size());
        });
        t.on("REMOTE_PROC_STORAGE_POOL_NUM_OF_VOLUMES", c -> {
            String pool = poolArgs.running(poolArgs.poolName(c));
            c.argsDone();
            c.ret().writeInt(pools.volumes().list(pool).size());
        });
        t.on("REMOTE_PROC_STORAGE_POOL_LIST_VOLUMES", c -> {
            String pool = poolArgs.running(poolArgs.poolName(c));
            int max = c.args().readInt();
            c.argsDone();
            if (max < 0 || max > Protocol.constant("REMOTE_STORAGE_VOL_LIST_MAX")) {
                throw LibvirtErrors.invalidArg("the list size must be 0.." + Protocol.constant("REMOTE_STORAGE_VOL_LIST_MAX"));
            }
            List<String> names = pools.volumes().list(pool).stream().sorted().limit(max).toList();
            c.ret().writeInt(names.size());
            names.forEach(c.ret()::writeString);
        });
        t.on("REMOTE_PROC_STORAGE_VOL_LOOKUP_BY_NAME", c -> {
            String pool = poolArgs.running(poolArgs.poolName(c));
            String name = c.args().readString();
            c.argsDone();
            VolumeRef v = new VolumeRef(pool, name);
            existing(v, "no storage vol with matching name '" + name + "'");
            wire(v).write(c.ret());
        });
        t.on("REMOTE_PROC_STORAGE_VOL_LOOKUP_BY_KEY", c -> {
            String key = c.args().readString();
            c.argsDone();
            wire(byKey(key, "no storage vol with matching key " + key)).write(c.ret());
        });
        t.on("REMOTE_PROC_STORAGE_VOL_LOOKUP_BY_PATH", c -> {
            String path = c.args().readString();
            c.argsDone();
            wire(byKey(path, "no storage vol with matching path '" + path + "'")).write(c.ret());
        });
        t.on("REMOTE_PROC_STORAGE_VOL_GET_INFO", c -> info(c, volumeArg(c, false), false));
        t.on("REMOTE_PROC_STORAGE_VOL_GET_INFO_FLAGS", c -> {
            VolumeRef v = volume(c.args());
            long flags = c.args().readUnsigned();
            c.argsDone();
            info(c, v, (flags & GET_PHYSICAL) != 0);
        });
        t.on("REMOTE_PROC_STORAGE_VOL_GET_XML_DESC", c -> c.ret().writeString(pools.volumes().dumpXml(volumeArg(c, true))));
        t.on("REMOTE_PROC_STORAGE_VOL_GET_PATH", c -> c.ret().writeString(pools.volumes().path(volumeArg(c, false)).toString()));
        t.on("REMOTE_PROC_STORAGE_VOL_CREATE_XML", c -> {
            String pool = poolArgs.running(poolArgs.poolName(c));
            String xml = c.args().readString();
            long flags = c.args().readUnsigned();
            c.argsDone();
            StorageVolume v = VolumeXml.load(xml, "volume definition");
            requireNew(pool, v.name());
            VolumeRef backing = v.backingStore() == null || v.backingStore().path() == null ? null
                    : pools.volumes().byKey(v.backingStore().path());
            VolumeSpec spec = VolumeSpec.fromDefinition(v, backing, (flags & CREATE_PREALLOC_METADATA) != 0);
            if (v.allocationBytes() == null && backing == null && (v.format() == null || v.format().equals("raw"))) {
                // libvirt: a volume without <allocation> is allocated in full, and a raw file gets it at create
                spec = new VolumeSpec(spec.name(), spec.format(), spec.capacityBytes(), Preallocation.FALLOC, null, null);
            }
            wire(pools.volumes().create(pool, spec)).write(c.ret());
        });
        t.on("REMOTE_PROC_STORAGE_VOL_CREATE_XML_FROM", c -> {
            String pool = poolArgs.running(poolArgs.poolName(c));
            String xml = c.args().readString();
            VolumeRef source = ref(WireVolume.read(c.args()));
            c.args().readUnsigned();
            c.argsDone();
            StorageVolume v = VolumeXml.load(xml, "volume definition");
            requireNew(pool, v.name());
            await(pools.volumes().cloneVolume(source, pool, v.name(), v.format(), null));
            wire(new VolumeRef(pool, v.name())).write(c.ret());
        });
        t.on("REMOTE_PROC_STORAGE_VOL_DELETE", c -> storage.deleteVolume(volumeArg(c, true), false));
        t.on("REMOTE_PROC_STORAGE_VOL_RESIZE", c -> {
            VolumeRef v = volume(c.args());
            long capacity = c.args().readHyper();
            long flags = c.args().readUnsigned();
            c.argsDone();
            long bytes = (flags & RESIZE_DELTA) != 0 ? Math.addExact(pools.volumes().info(v).capacity(), capacity) : capacity;
            pools.volumes().resize(v, bytes, (flags & RESIZE_SHRINK) != 0);
        });
        t.on("REMOTE_PROC_STORAGE_VOL_WIPE", c -> await(pools.volumes().wipe(volumeArg(c, true), WipeAlgorithm.ZERO, null)));
        t.on("REMOTE_PROC_STORAGE_VOL_WIPE_PATTERN", c -> {
            VolumeRef v = volume(c.args());
            long algorithm = c.args().readUnsigned();
            c.args().readUnsigned();
            c.argsDone();
            if (algorithm >= WIPE.size()) {
                throw LibvirtErrors.invalidArg("wiping algorithm " + algorithm + " not supported");
            }
            await(pools.volumes().wipe(v, WipeAlgorithm.parse(WIPE.get((int) algorithm)), null));
        });
    }

    /** {@code physical}: the allocation field carries the host-visible size (a file's length), as VIR_STORAGE_VOL_GET_PHYSICAL asks. */
    private void info(Call c, VolumeRef v, boolean physical) {
        VolumeInfo i = pools.volumes().info(v);
        long allocation = i.allocation();
        if (physical && !"block".equals(i.type())) {
            try {
                allocation = java.nio.file.Files.size(java.nio.file.Path.of(i.path()));
            } catch (java.io.IOException e) {
                throw new StorageException("cannot read the size of " + i.path() + ": " + e.getMessage(), e);
            }
        }
        c.ret().writeInt("block".equals(i.type()) ? TYPE_BLOCK : TYPE_FILE).writeHyper(i.capacity()).writeHyper(allocation);
    }

    private WireVolume wire(VolumeRef v) {
        return new WireVolume(v.pool(), v.volume(), pools.volumes().path(v).toString());
    }

    /** The volume a {@code remote_nonnull_storage_vol} names: its pool (running) and its name. */
    private VolumeRef volume(XdrReader a) {
        return ref(WireVolume.read(a));
    }

    private VolumeRef ref(WireVolume w) {
        if (poolArgs.byName(w.pool()).isEmpty()) {
            throw PoolProcedures.noPool("no storage pool with matching name '" + w.pool() + "'");
        }
        VolumeRef v = new VolumeRef(poolArgs.running(w.pool()), w.name());
        existing(v, "no storage vol with matching name '" + w.name() + "'");
        return v;
    }

    private VolumeRef volumeArg(Call c, boolean flags) {
        VolumeRef v = volume(c.args());
        if (flags) {
            c.args().readUnsigned();
        }
        c.argsDone();
        return v;
    }

    private void existing(VolumeRef v, String how) {
        try {
            pools.volumes().path(v);
        } catch (NoSuchVolumeException e) {
            throw noVolume(how);
        }
    }

    private void requireNew(String pool, String name) {
        if (pools.volumes().list(pool).contains(name)) {
            throw new LibvirtException(VirError.STORAGE_VOL_EXIST, VirError.FROM_STORAGE,
                    "storage volume '" + name + "' exists already");
        }
    }

    private VolumeRef byKey(String key, String how) {
        try {
            return pools.volumes().byKey(key);
        } catch (StorageException | java.nio.file.InvalidPathException e) {
            throw noVolume(how);
        }
    }

    private static LibvirtException noVolume(String how) {
        return new LibvirtException(VirError.NO_STORAGE_VOL, VirError.FROM_STORAGE, "Storage volume not found: " + how);
    }

    private static void await(dev.jvirt.storage.Job job) {
        try {
            job.await(JOB_LIMIT);
        } catch (TimeoutException e) {
            job.cancel();
            throw new StorageException("the storage job " + job.id() + " did not end within " + JOB_LIMIT.toHours() + " h");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.cancel();
            throw new StorageException("interrupted while storage job " + job.id() + " ran");
        }
    }
}
