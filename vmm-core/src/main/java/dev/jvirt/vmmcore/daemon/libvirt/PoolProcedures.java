package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.libvirtwire.Protocol;
import dev.jvirt.libvirtwire.VirError;
import dev.jvirt.libvirtwire.WireDomain;
import dev.jvirt.libvirtwire.WireNamed;
import dev.jvirt.libvirtwire.WireVolume;
import dev.jvirt.libvirtwire.XdrWriter;
import dev.jvirt.storage.BuildMode;
import dev.jvirt.storage.PoolInfo;
import dev.jvirt.storage.StorageException;
import dev.jvirt.storage.StoragePools;
import dev.jvirt.vmmcore.HostStorage;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Storage pools: listing, lookups, the pool's lifecycle and its queries, over {@link HostStorage}
 * (the storage-pools library as jvirtd runs it, the same calls as the REST storage routes). A
 * pool argument ({@code remote_nonnull_storage_pool}) is found by its UUID, as libvirtd finds it.
 * Every storage call may read the disk (statvfs, qemu-img), so none is answered on the event loop.
 */
final class PoolProcedures {
    /** virConnectListAllStoragePoolsFlags: the state pairs, then one bit per pool type from 1 << 6. */
    private static final int INACTIVE = 1, ACTIVE = 2, PERSISTENT = 4, TRANSIENT = 8, AUTOSTART = 16, NO_AUTOSTART = 32;
    private static final List<String> TYPES = List.of("dir", "fs", "netfs", "logical", "disk", "iscsi", "scsi", "mpath",
            "rbd", "sheepdog", "gluster", "zfs", "vstorage", "iscsi-direct");
    /** virStoragePoolBuildFlags and virStoragePoolCreateFlags. */
    private static final int BUILD_NO_OVERWRITE = 4, BUILD_OVERWRITE = 8;
    private static final int CREATE_WITH_BUILD = 1, CREATE_WITH_BUILD_OVERWRITE = 2, CREATE_WITH_BUILD_NO_OVERWRITE = 4;
    /** virStoragePoolState. */
    private static final int STATE_INACTIVE = 0, STATE_RUNNING = 2;
    private final HostStorage storage;
    private final StoragePools pools;

    PoolProcedures(HostStorage storage) {
        this.storage = storage;
        this.pools = storage.pools();
    }

    void register(ProcedureTable t) {
        t.on("REMOTE_PROC_CONNECT_LIST_ALL_STORAGE_POOLS", c -> {
            boolean needResults = c.args().readInt() != 0;
            long flags = c.args().readUnsigned();
            c.argsDone();
            List<PoolInfo> all = pools.list().stream().filter(p -> matches(p, flags)).toList();
            XdrWriter w = c.ret();
            w.writeInt(needResults ? all.size() : 0);
            if (needResults) {
                all.forEach(p -> wire(p).write(w));
            }
            w.writeUnsigned(all.size());
        });
        t.on("REMOTE_PROC_CONNECT_NUM_OF_STORAGE_POOLS", c -> c.ret().writeInt(count(PoolInfo::running)));
        t.on("REMOTE_PROC_CONNECT_NUM_OF_DEFINED_STORAGE_POOLS", c -> c.ret().writeInt(count(p -> !p.running())));
        t.on("REMOTE_PROC_CONNECT_LIST_STORAGE_POOLS", c -> names(c, PoolInfo::running));
        t.on("REMOTE_PROC_CONNECT_LIST_DEFINED_STORAGE_POOLS", c -> names(c, p -> !p.running()));
        t.on("REMOTE_PROC_STORAGE_POOL_LOOKUP_BY_NAME", c -> {
            String name = c.args().readString();
            c.argsDone();
            wire(byName(name).orElseThrow(() -> noPool("no storage pool with matching name '" + name + "'"))).write(c.ret());
        });
        t.on("REMOTE_PROC_STORAGE_POOL_LOOKUP_BY_UUID", c -> {
            UUID uuid = WireDomain.uuid(c.args().readFixedOpaque(Protocol.UUID_LEN));
            c.argsDone();
            wire(byUuid(uuid).orElseThrow(() -> noPool("no storage pool with matching uuid '" + uuid + "'"))).write(c.ret());
        });
        t.on("REMOTE_PROC_STORAGE_POOL_LOOKUP_BY_VOLUME", c -> {
            WireVolume v = WireVolume.read(c.args());
            c.argsDone();
            wire(byName(v.pool()).orElseThrow(() -> noPool("no storage pool with matching name '" + v.pool() + "'")))
                    .write(c.ret());
        });
        t.on("REMOTE_PROC_STORAGE_POOL_GET_INFO", c -> {
            PoolInfo p = pools.info(poolArg(c, false));
            c.ret().writeInt(p.running() ? STATE_RUNNING : STATE_INACTIVE).writeHyper(p.capacity()).writeHyper(p.allocation())
                    .writeHyper(p.available());
        });
        t.on("REMOTE_PROC_STORAGE_POOL_GET_XML_DESC", c -> c.ret().writeString(pools.dumpXml(poolArg(c, true))));
        t.on("REMOTE_PROC_STORAGE_POOL_GET_AUTOSTART", c -> c.ret().writeInt(pools.info(poolArg(c, false)).autostart() ? 1 : 0));
        t.on("REMOTE_PROC_STORAGE_POOL_IS_ACTIVE", c -> c.ret().writeInt(pools.info(poolArg(c, false)).running() ? 1 : 0));
        t.on("REMOTE_PROC_STORAGE_POOL_IS_PERSISTENT", c -> c.ret().writeInt(pools.info(poolArg(c, false)).persistent() ? 1 : 0));
        t.on("REMOTE_PROC_STORAGE_POOL_REFRESH", c -> pools.refresh(running(poolArg(c, true))));
        t.on("REMOTE_PROC_STORAGE_POOL_CREATE", c -> {
            String name = poolName(c);
            long flags = c.args().readUnsigned();
            c.argsDone();
            if (pools.info(name).running()) {
                throw LibvirtErrors.invalidOperation(VirError.FROM_STORAGE, "storage pool '" + name + "' is already active");
            }
            BuildMode build = createBuild(flags);
            if (build != null) {
                pools.build(name, build);
            }
            pools.start(name);
        });
        t.on("REMOTE_PROC_STORAGE_POOL_DESTROY", c -> pools.stop(running(poolArg(c, false))));
        t.on("REMOTE_PROC_STORAGE_POOL_DELETE", c -> pools.delete(poolArg(c, true)));
        t.on("REMOTE_PROC_STORAGE_POOL_UNDEFINE", c -> {
            String name = poolArg(c, false);
            if (pools.info(name).running()) { // libvirt refuses an active pool first, transient or not
                throw LibvirtErrors.invalidOperation(VirError.FROM_STORAGE, "storage pool '" + name + "' is still active");
            }
            pools.undefine(name);
        });
        t.on("REMOTE_PROC_STORAGE_POOL_BUILD", c -> {
            String name = poolName(c);
            long flags = c.args().readUnsigned();
            c.argsDone();
            pools.build(name, (flags & BUILD_OVERWRITE) != 0 ? BuildMode.OVERWRITE
                    : (flags & BUILD_NO_OVERWRITE) != 0 ? BuildMode.NO_OVERWRITE : BuildMode.NORMAL);
        });
        t.on("REMOTE_PROC_STORAGE_POOL_SET_AUTOSTART", c -> {
            String name = poolName(c);
            boolean on = c.args().readInt() != 0;
            c.argsDone();
            if (!pools.info(name).persistent()) { // libvirt's words for a transient pool
                throw new LibvirtException(VirError.INTERNAL_ERROR, VirError.FROM_STORAGE, "internal error: pool has no config file");
            }
            pools.setAutostart(name, on);
        });
        t.on("REMOTE_PROC_STORAGE_POOL_DEFINE_XML", c -> {
            String xml = c.args().readString();
            c.args().readUnsigned();
            c.argsDone();
            wire(pools.define(xml, "pool definition")).write(c.ret());
        });
        t.on("REMOTE_PROC_STORAGE_POOL_CREATE_XML", c -> {
            String xml = c.args().readString();
            long flags = c.args().readUnsigned();
            c.argsDone();
            wire(pools.create(xml, "pool definition", createBuild(flags))).write(c.ret());
        });
    }

    /** The build virStoragePoolCreateFlags ask for before the start, or null. */
    private static BuildMode createBuild(long flags) {
        if ((flags & CREATE_WITH_BUILD_OVERWRITE) != 0) {
            return BuildMode.OVERWRITE;
        }
        if ((flags & CREATE_WITH_BUILD_NO_OVERWRITE) != 0) {
            return BuildMode.NO_OVERWRITE;
        }
        return (flags & CREATE_WITH_BUILD) != 0 ? BuildMode.NORMAL : null;
    }

    static WireNamed wire(PoolInfo p) {
        return new WireNamed(p.name(), UUID.fromString(p.uuid()));
    }

    /** The name of the pool a {@code remote_nonnull_storage_pool} argument names, by its UUID (its name first, the quick way). */
    String poolName(Call c) {
        WireNamed w = WireNamed.read(c.args());
        return byName(w.name()).filter(p -> UUID.fromString(p.uuid()).equals(w.uuid())).or(() -> byUuid(w.uuid()))
                .orElseThrow(() -> noPool("no storage pool with matching uuid '" + w.uuid() + "' (" + w.name() + ")"))
                .name();
    }

    private String poolArg(Call c, boolean flags) {
        String name = poolName(c);
        if (flags) {
            c.args().readUnsigned();
        }
        c.argsDone();
        return name;
    }

    /** {@code name}, refused as libvirt refuses it when the pool is not running. */
    String running(String name) {
        if (!pools.info(name).running()) {
            throw LibvirtErrors.invalidOperation(VirError.FROM_STORAGE, "storage pool '" + name + "' is not active");
        }
        return name;
    }

    java.util.Optional<PoolInfo> byName(String name) {
        try {
            return java.util.Optional.of(pools.info(name));
        } catch (StorageException e) {
            return java.util.Optional.empty();
        }
    }

    private java.util.Optional<PoolInfo> byUuid(UUID uuid) {
        return pools.list().stream().filter(p -> UUID.fromString(p.uuid()).equals(uuid)).findFirst();
    }

    static LibvirtException noPool(String how) {
        return new LibvirtException(VirError.NO_STORAGE_POOL, VirError.FROM_STORAGE, "Storage pool not found: " + how);
    }

    private int count(Predicate<PoolInfo> p) {
        return (int) pools.list().stream().filter(p).count();
    }

    private void names(Call c, Predicate<PoolInfo> p) {
        int max = c.args().readInt();
        c.argsDone();
        if (max < 0 || max > Protocol.constant("REMOTE_STORAGE_POOL_LIST_MAX")) {
            throw LibvirtErrors.invalidArg("the list size must be 0.." + Protocol.constant("REMOTE_STORAGE_POOL_LIST_MAX"));
        }
        List<String> names = pools.list().stream().filter(p).map(PoolInfo::name).limit(max).toList();
        c.ret().writeInt(names.size());
        names.forEach(c.ret()::writeString);
    }

    static boolean matches(PoolInfo p, long f) {
        if (!DomainProcedures.pair(f, ACTIVE, INACTIVE, p.running())
                || !DomainProcedures.pair(f, PERSISTENT, TRANSIENT, p.persistent())
                || !DomainProcedures.pair(f, AUTOSTART, NO_AUTOSTART, p.autostart())) {
            return false;
        }
        long types = f >>> 6;
        int mine = TYPES.indexOf(p.type().toLowerCase(Locale.ROOT));
        return types == 0 || (mine >= 0 && (types & (1L << mine)) != 0);
    }
}
