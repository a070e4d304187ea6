package dev.jvirt.storage;

import dev.jvirt.domainxml.pool.PoolXml;
import dev.jvirt.domainxml.pool.StoragePool;
import dev.jvirt.storage.backend.PoolBackend;
import dev.jvirt.storage.backend.PoolSpace;
import dev.jvirt.storage.backend.VolumeStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage pools and their volumes: the one entry point of storage-pools. Pool operations are
 * {@code pool-*}; {@link #volumes()} has the {@code vol-*} ones; {@link #resolve} turns a
 * {@code <source pool volume>} into a path and format for a guest, with undo. Thread-safe; pool
 * changes are serialised, volume operations lock per volume.
 */
public final class StoragePools implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoragePools.class);
    /** The name of the dir pool made on first use. */
    public static final String DEFAULT_POOL = "default";

    private final StorageConfig config;
    private final PoolFiles files;
    private final VolumeLocks locks = new VolumeLocks();
    private final IncompleteMarkers markers;
    private final ExecutorService ownExecutor;
    private final Jobs jobs;
    private final Volumes volumes;
    private final Object poolLock = new Object();
    private boolean defaultChecked;

    private StoragePools(StorageConfig config) {
        this.config = config;
        this.files = new PoolFiles(config.definitionsDir(), config.runtimeDir());
        this.markers = new IncompleteMarkers(config.definitionsDir().resolve("incomplete"));
        AtomicInteger n = new AtomicInteger();
        this.ownExecutor = config.executor() != null ? null : Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "storage-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.jobs = new Jobs(config.executor() != null ? config.executor() : ownExecutor);
        this.volumes = new Volumes(new VolumeContext(this, locks, markers, jobs, config.qemuImg()));
    }

    /** Opens over the given directories; touches nothing until the first call. */
    public static StoragePools open(StorageConfig config) {
        return new StoragePools(config);
    }

    /** The {@code vol-*} operations. */
    public Volumes volumes() {
        return volumes;
    }

    /** A started pool: its definition, backend and volumes. */
    record Running(StoragePool pool, PoolBackend backend, VolumeStore store) {}

    // ---- pools -------------------------------------------------------------------------------

    /** Every pool, persistent or running, by name ({@code pool-list --all}). */
    public List<PoolInfo> list() {
        synchronized (poolLock) {
            ensureDefault();
            Map<String, StoragePool> all = new TreeMap<>(files.persistent());
            all.putAll(files.running());
            List<PoolInfo> out = new ArrayList<>();
            for (String name : all.keySet()) {
                out.add(info(name));
            }
            return out;
        }
    }

    /** {@code pool-info}. */
    public PoolInfo info(String name) {
        synchronized (poolLock) {
            StoragePool p = definition(name);
            boolean running = isRunning(name);
            PoolSpace s = running ? backend(p).space(files.running().get(name)) : PoolSpace.NONE;
            boolean persistent = files.persistent().containsKey(name);
            return new PoolInfo(name, p.uuid(), p.type(), running, persistent, persistent && files.autostart(name),
                    s.capacity(), s.allocation(), s.available());
        }
    }

    /** {@code pool-dumpxml}: the definition, with capacity/allocation/available when running. */
    public String dumpXml(String name) {
        synchronized (poolLock) {
            StoragePool p = definition(name);
            PoolInfo i = info(name);
            if (i.running()) {
                p = new StoragePool(p.type(), p.name(), p.uuid(), i.capacity(), i.allocation(), i.available(), p.source(),
                        p.targetPath(), p.targetPermissions());
            }
            return PoolXml.format(p);
        }
    }

    /** {@code pool-define}: parses, fills defaults, validates, stores atomically. */
    public PoolInfo define(String xml, String sourceName) {
        boolean uuidGiven = PoolXml.parse(xml, sourceName).uuid() != null;
        StoragePool p = PoolXml.load(xml, sourceName);
        backend(p);
        synchronized (poolLock) {
            StoragePool old = files.persistent().get(p.name());
            StoragePool live = files.running().get(p.name());
            StoragePool known = old != null ? old : live;
            if (known != null && uuidGiven && !known.uuid().equals(p.uuid())) {
                throw new InvalidStorageRequestException("pool '" + p.name() + "' already exists with UUID " + known.uuid());
            }
            if (known != null) {
                p = new StoragePool(p.type(), p.name(), known.uuid(), null, null, null, p.source(), p.targetPath(),
                        p.targetPermissions());
            }
            files.savePersistent(p);
            return info(p.name());
        }
    }

    /** {@code pool-create}: a transient pool, started at once; nothing stays if the start fails. */
    public PoolInfo create(String xml, String sourceName) {
        return create(xml, sourceName, null);
    }

    /** {@code pool-create --build}: as {@link #create(String, String)}, built first ({@code build}: how; null: not built). */
    public PoolInfo create(String xml, String sourceName, BuildMode build) {
        StoragePool p = PoolXml.load(xml, sourceName);
        synchronized (poolLock) {
            if (files.persistent().containsKey(p.name()) || files.running().containsKey(p.name())) {
                throw new InvalidStorageRequestException("pool '" + p.name() + "' already exists");
            }
            if (build != null) {
                backend(p).build(p, build);
            }
            backend(p).start(p);
            files.markRunning(p);
            return info(p.name());
        }
    }

    /** {@code pool-build}: the pool must not be running. */
    public void build(String name, BuildMode mode) {
        synchronized (poolLock) {
            StoragePool p = definition(name);
            requireStopped(name, "build");
            backend(p).build(p, mode == null ? BuildMode.NORMAL : mode);
        }
    }

    /** {@code pool-start}. */
    public void start(String name) {
        synchronized (poolLock) {
            StoragePool p = definition(name);
            if (isRunning(name)) {
                throw new PoolStateException("pool '" + name + "' is already active");
            }
            backend(p).start(p);
            files.markRunning(p);
            int gone = backend(p).volumes(p).cleanLeftovers();
            if (gone > 0) {
                log.info("pool {}: removed {} leftovers of interrupted creates", name, gone);
            }
        }
    }

    /** {@code pool-destroy}: refused while a volume of it is busy or in use; a transient pool is gone after. */
    public void stop(String name) {
        synchronized (poolLock) {
            StoragePool p = definition(name);
            if (!isRunning(name)) {
                throw new PoolStateException("pool '" + name + "' is not active");
            }
            String busy = locks.busyIn(name);
            if (busy != null) {
                throw new VolumeBusyException("pool '" + name + "' cannot be stopped: " + busy);
            }
            backend(p).stop(files.running().get(name));
            files.clearRunning(name);
        }
    }

    /** {@code pool-delete}: removes what build made; the pool must be stopped. */
    public void delete(String name) {
        synchronized (poolLock) {
            StoragePool p = definition(name);
            requireStopped(name, "delete");
            backend(p).delete(p);
        }
    }

    /** {@code pool-refresh}: removes leftovers of interrupted creates and markers of volumes gone. */
    public void refresh(String name) {
        synchronized (poolLock) {
            VolumeStore store = running(name).store();
            store.cleanLeftovers();
            markers.forgetMissing(name, store::exists);
        }
    }

    /** {@code pool-autostart [--disable]}: persistent pools only. */
    public void setAutostart(String name, boolean on) {
        synchronized (poolLock) {
            if (!files.persistent().containsKey(name)) {
                definition(name);
                throw new PoolStateException("pool '" + name + "' is transient; only a defined pool can autostart");
            }
            files.setAutostart(name, on);
        }
    }

    /** {@code pool-undefine}: the pool must be stopped. */
    public void undefine(String name) {
        synchronized (poolLock) {
            if (!files.persistent().containsKey(name)) {
                definition(name);
                throw new PoolStateException("pool '" + name + "' is transient; stop it (pool-destroy) to make it go");
            }
            requireStopped(name, "undefine");
            files.removePersistent(name);
        }
    }

    /** Starts every autostart pool that is not running; returns one line per pool that failed. */
    public List<String> startAutostart() {
        List<String> failed = new ArrayList<>();
        synchronized (poolLock) {
            ensureDefault();
            for (String name : files.persistent().keySet()) {
                if (files.autostart(name) && !isRunning(name)) {
                    try {
                        start(name);
                    } catch (StorageException e) {
                        failed.add("pool '" + name + "': " + e.getMessage());
                    }
                }
            }
        }
        return failed;
    }

    // ---- for guests ----------------------------------------------------------------------------

    /**
     * Resolves {@code <source pool volume>} for a guest about to start (or a hotplug): the pool
     * must be running, the volume complete and not held by a job. The result holds a lease until
     * closed; close it when the guest stops or its start is rolled back. {@code guest} names the
     * holder in the refusals other operations get meanwhile.
     */
    public ResolvedVolume resolve(String pool, String volume, String guest) {
        VolumeRef ref = new VolumeRef(pool, VolumeNames.check(volume));
        Running r = running(pool);
        java.nio.file.Path path = r.store().existing(volume);
        Runnable release = locks.lease(ref, guest == null ? "?" : guest);
        try {
            markers.requireComplete(ref, "using it for a guest");
            dev.jvirt.storage.exec.ImageInfo info = r.store().describe(volume);
            String format = r.store().onlyFormat() != null ? r.store().onlyFormat() : info.format();
            requireChainInPools(ref, info);
            return new ResolvedVolume(ref, path, r.store().type(), format, info.virtualSize(), release);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }

    /**
     * Every image below the volume must itself be a volume of a running pool: the format is
     * probed, and a header a guest wrote into a raw volume could otherwise name any host file as
     * its backing file.
     */
    private void requireChainInPools(VolumeRef ref, dev.jvirt.storage.exec.ImageInfo info) {
        for (BackingImage b : info.backingChain()) {
            try {
                volumes.byKey(b.path());
            } catch (NoSuchVolumeException e) {
                throw new InvalidStorageRequestException(ref + " has backing file " + b.path()
                        + ", which is not a volume of a running pool; refusing to give it to a guest", e);
            }
        }
    }

    /** A job's progress by id. */
    public JobStatus job(long id) {
        return jobs.get(id).status();
    }

    /** The job itself, to wait for or cancel. */
    public Job jobHandle(long id) {
        return jobs.get(id);
    }

    /** The jobs kept (running, and the last finished ones). */
    public List<JobStatus> jobs() {
        return jobs.list();
    }

    // ---- inside the library -------------------------------------------------------------------

    /** The running pool of that name, or PoolStateException naming the command that starts it. */
    Running running(String name) {
        synchronized (poolLock) {
            StoragePool def = definition(name);
            if (!isRunning(name)) {
                throw new PoolStateException("pool '" + name + "' is not active; start it with: jvirsh pool-start " + name);
            }
            StoragePool p = files.running().getOrDefault(name, def);
            PoolBackend b = backend(p);
            return new Running(p, b, b.volumes(p));
        }
    }

    private boolean isRunning(String name) {
        StoragePool p = files.running().get(name);
        return p != null && backend(p).isUp(p);
    }

    private void requireStopped(String name, String what) {
        if (isRunning(name)) {
            throw new PoolStateException("pool '" + name + "' is active; stop it (jvirsh pool-destroy " + name + ") before " + what);
        }
    }

    private StoragePool definition(String name) {
        ensureDefault();
        StoragePool p = files.running().get(name);
        if (p == null) {
            p = files.persistent().get(name);
        }
        if (p == null) {
            throw new NoSuchPoolException("no storage pool named '" + name + "'");
        }
        return p;
    }

    private PoolBackend backend(StoragePool p) {
        return config.backends().get(p.type());
    }

    /** The {@code default} dir pool under the images directory, made once per instance when absent. */
    private void ensureDefault() {
        synchronized (poolLock) {
            if (defaultChecked || config.defaultImagesDir() == null) {
                return;
            }
            defaultChecked = true;
            if (files.persistent().containsKey(DEFAULT_POOL) || files.running().containsKey(DEFAULT_POOL)) {
                return;
            }
            StoragePool p = dev.jvirt.domainxml.pool.PoolDefaults.fill(new StoragePool("dir", DEFAULT_POOL, null, null, null, null,
                    null, config.defaultImagesDir().toAbsolutePath().toString(), null));
            files.savePersistent(p);
            files.setAutostart(DEFAULT_POOL, true);
            backend(p).build(p, BuildMode.NORMAL);
            backend(p).start(p);
            files.markRunning(p);
            log.info("made the default storage pool in {}", p.targetPath());
        }
    }

    /** Stops the library's own job threads (running jobs are interrupted). */
    @Override
    public void close() {
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
    }
}
