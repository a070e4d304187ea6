package dev.jvirt.vmmcore;

import dev.jvirt.domainxml.domain.Disk;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.storage.ResolvedVolume;
import dev.jvirt.storage.StorageConfig;
import dev.jvirt.storage.StoragePools;
import dev.jvirt.storage.VolumeBusyException;
import dev.jvirt.storage.VolumeRef;
import dev.jvirt.vmmcore.host.Prepared;
import dev.jvirt.vmmcore.host.StorageBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jvirtd's storage: the storage-pools library over the state directory ({@code STATE/storage},
 * {@code RUN/storage}, the {@code default} pool in {@code STATE/images}), its adapter behind
 * {@link StorageBackend} for {@code <disk type='volume'>}, and what the library cannot know: which
 * defined domains name a volume (a delete of one is refused unless forced). The daemon's storage
 * routes use this and the library's own types.
 */
public final class HostStorage implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HostStorage.class);
    private final StoragePools pools;
    private volatile Hypervisor hypervisor;
    /** Leases taken for the volume disks of guests this jvirtd took over (their start's leases died with the old one). */
    private final java.util.Map<String, List<Runnable>> takenOver = new java.util.concurrent.ConcurrentHashMap<>();

    private HostStorage(StoragePools pools) {
        this.pools = pools;
    }

    /** Opens over {@code dirs}; touches nothing until the first call. */
    public static HostStorage open(StateDirs dirs) {
        return new HostStorage(StoragePools.open(StorageConfig.of(dirs.state().resolve("storage"),
                dirs.runtime().resolve("storage"), dirs.state().resolve("images"))));
    }

    /** The library itself, for the routes' pool and volume calls. */
    public StoragePools pools() {
        return pools;
    }

    /** The adapter the host phase of a start (and a hotplug) calls for a volume disk. */
    public StorageBackend backend() {
        return (domain, pool, volume) -> {
            ResolvedVolume r = pools.resolve(pool, volume, domain);
            return Prepared.of(new StorageBackend.Volume(r.path().toString(), r.type().equals("block"), r.format()), r::close);
        };
    }

    /**
     * The hypervisor whose definitions {@link #users} looks at (set once it is open). The guests
     * it took over get their volumes leased again, as their start had them, until they stop.
     */
    public void attach(Hypervisor hv) {
        this.hypervisor = hv;
        hv.subscribe(e -> {
            if (e.kind() == DomainEvent.Kind.STOPPED) {
                List<Runnable> leases = takenOver.remove(e.domain());
                if (leases != null) {
                    leases.forEach(Runnable::run);
                }
            }
        });
        for (DomainInfo d : hv.list()) {
            if (d.pid().isEmpty()) {
                continue;
            }
            List<Runnable> leases = new ArrayList<>();
            for (Disk disk : hv.definition(d.name(), false).devices().disks()) {
                Disk.Source s = disk.source();
                if (s == null || s.pool() == null || s.volume() == null) {
                    continue;
                }
                try {
                    leases.add(pools.resolve(s.pool(), s.volume(), d.name())::close);
                } catch (RuntimeException ex) {
                    log.warn("domain {} runs on volume '{}' of pool '{}', which cannot be leased again: {}", d.name(),
                            s.volume(), s.pool(), ex.getMessage());
                }
            }
            if (!leases.isEmpty()) {
                takenOver.put(d.name(), leases);
            }
        }
    }

    /** Starts the autostart pools (and makes the {@code default} pool on first use); failures are logged. */
    public void startAutostart() {
        for (String failure : pools.startAutostart()) {
            log.error("autostart: {}", failure);
        }
    }

    /**
     * The domains whose stored or live definition has a disk on this volume: by pool and volume,
     * or by its path.
     */
    public List<String> users(VolumeRef v) {
        return users(v, false);
    }

    /** {@link #users(VolumeRef)}, or with {@code runningOnly} the active domains whose live definition names it. */
    private List<String> users(VolumeRef v, boolean runningOnly) {
        Hypervisor hv = hypervisor;
        if (hv == null) {
            return List.of();
        }
        Path path = null;
        try {
            path = pools.volumes().path(v);
        } catch (RuntimeException e) {
            // the volume's path is unknown (pool inactive): match by pool and volume only
        }
        TreeSet<String> out = new TreeSet<>();
        for (DomainInfo d : hv.list()) {
            if (runningOnly && d.pid().isEmpty()) {
                continue;
            }
            for (boolean inactive : runningOnly ? new boolean[] {false} : new boolean[] {true, false}) {
                Domain def;
                try {
                    def = hv.definition(d.name(), inactive);
                } catch (VmmException e) {
                    continue;
                }
                if (def != null && uses(def, v, path)) {
                    out.add(d.name());
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static boolean uses(Domain def, VolumeRef v, Path path) {
        for (Disk d : def.devices().disks()) {
            Disk.Source s = d.source();
            if (s == null) {
                continue;
            }
            if (v.pool().equals(s.pool()) && v.volume().equals(s.volume())) {
                return true;
            }
            String p = s.file() != null ? s.file() : s.dev();
            if (path != null && p != null && Path.of(p).normalize().equals(path)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code vol-delete}: refused while a defined domain names the volume, unless {@code force};
     * refused while a running guest has it, forced or not (a running guest never loses its disk,
     * also one named by path rather than as a volume). Answers the domains that name it (for the
     * forced delete's warning).
     */
    public List<String> deleteVolume(VolumeRef v, boolean force) {
        List<String> running = users(v, true);
        if (!running.isEmpty()) {
            throw new VolumeBusyException(v + " is in use by running domain " + String.join(", ", running.stream()
                    .map(n -> "'" + n + "'").toList()) + "; delete is refused while it runs, also with --force (shut the "
                    + "guest down or detach the disk first)");
        }
        List<String> users = users(v);
        if (!users.isEmpty() && !force) {
            throw new VolumeBusyException(v + " is used by domain " + String.join(", ", users.stream().map(n -> "'" + n + "'").toList())
                    + "; remove the disk from " + (users.size() == 1 ? "its definition" : "their definitions")
                    + " first, or delete it anyway with --force");
        }
        pools.volumes().delete(v, force);
        if (!users.isEmpty()) {
            log.warn("volume {} deleted although domain {} names it", v, users);
        }
        return users;
    }

    @Override
    public void close() {
        pools.close();
    }
}
