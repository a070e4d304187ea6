package dev.jvirt.storage;

import dev.jvirt.domainxml.volume.StorageVolume;
import dev.jvirt.domainxml.volume.VolumeXml;
import dev.jvirt.storage.backend.NewVolume;
import dev.jvirt.storage.backend.VolumeStore;
import dev.jvirt.storage.exec.ImageHeaders;
import dev.jvirt.storage.exec.ImageInfo;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code vol-*} operations of a {@link StoragePools}. Quick ones (create, resize, delete)
 * return when done; copies (clone, upload, download, wipe) return a {@link Job}. Every operation
 * holds its volume, so a second one on a busy volume is refused with {@link VolumeBusyException}.
 */
public final class Volumes {
    private static final Set<String> FORMATS = Set.of("raw", "qcow2");
    private final VolumeContext context;
    private final StoragePools pools;
    private final VolumeLocks locks;
    private final IncompleteMarkers markers;
    private final Jobs jobs;
    private final Transfers transfers;

    Volumes(VolumeContext c) {
        this.context = c;
        this.pools = c.pools();
        this.locks = c.locks();
        this.markers = c.markers();
        this.jobs = c.jobs();
        this.transfers = new Transfers(c);
    }

    /** {@code vol-list}: the names in a running pool. */
    public List<String> list(String pool) {
        return pools.running(pool).store().list();
    }

    /** {@code vol-list --details}. */
    public List<VolumeInfo> listDetails(String pool) {
        List<VolumeInfo> out = new ArrayList<>();
        for (String n : list(pool)) {
            out.add(info(new VolumeRef(pool, n)));
        }
        return out;
    }

    /** {@code vol-info}: format, capacity, allocation and backing chain from qemu-img (lvs for LVs). */
    public VolumeInfo info(VolumeRef v) {
        VolumeStore s = store(v);
        Path path = s.existing(v.volume());
        ImageInfo i = s.describe(v.volume());
        return new VolumeInfo(v.pool(), v.volume(), path.toString(), s.type(), i.format(), i.virtualSize(), i.actualSize(),
                i.backingChain(), markers.isMarked(v), locks.holder(v));
    }

    /** {@code vol-dumpxml}. */
    public String dumpXml(VolumeRef v) {
        VolumeInfo i = info(v);
        StorageVolume.BackingStore bs = i.backingChain().isEmpty() ? null
                : new StorageVolume.BackingStore(i.backingChain().get(0).path(), i.backingChain().get(0).format(), null);
        return VolumeXml.format(new StorageVolume(i.type(), i.name(), i.key(), i.capacity(), i.allocation(),
                new StorageVolume.Target(i.path(), i.format(), null, null, false), bs));
    }

    /** {@code vol-path}. */
    public Path path(VolumeRef v) {
        return store(v).existing(v.volume());
    }

    /** {@code vol-name}/{@code vol-pool} by key: the volume at that path in a running pool. */
    public VolumeRef byKey(String key) {
        Path p = Path.of(key);
        for (PoolInfo pi : pools.list()) {
            if (!pi.running() || p.getFileName() == null) {
                continue;
            }
            VolumeStore s = pools.running(pi.name()).store();
            String name = p.getFileName().toString();
            if (VolumeNames.problem(name) == null && s.exists(name) && s.existing(name).equals(p)) {
                return new VolumeRef(pi.name(), name);
            }
        }
        throw new NoSuchVolumeException("no volume with key " + key + " in a running pool");
    }

    /**
     * {@code vol-create-as} / {@code vol-create}: an empty volume, or a linked clone (qcow2 over
     * a backing volume in any running pool). Nothing is left under the name if it fails. Returns
     * the new volume (ask {@link #info} for its details: that runs qemu-img once more).
     */
    public VolumeRef create(String pool, VolumeSpec spec) {
        VolumeRef ref = new VolumeRef(pool, VolumeNames.check(spec.name()));
        VolumeStore s = store(ref);
        String format = formatFor(s, spec.backing() != null && s.onlyFormat() != null ? s.onlyFormat() : spec.format());
        if (spec.preallocation() == Preallocation.METADATA && !format.equals("qcow2")) {
            throw new InvalidStorageRequestException("metadata preallocation is for qcow2 volumes only, not " + format);
        }
        Path backingPath = null;
        String backingFormat = null;
        long capacity = spec.capacityBytes();
        VolumeLocks.Hold hold = locks.acquire(ref, "create", false);
        try {
            if (spec.backing() != null) {
                if (format.equals("raw") && s.onlyFormat() == null) {
                    throw new InvalidStorageRequestException("a linked clone is a qcow2 volume; raw cannot have a backing volume");
                }
                VolumeRef b = spec.backing();
                markers.requireComplete(b, "using it as a backing volume");
                VolumeStore bs = store(b);
                backingPath = bs.existing(b.volume());
                // with the format given, the size comes from the header; otherwise qemu-img probes both
                long backingSize = spec.backingFormat() == null ? -1 : ImageHeaders.virtualSize(backingPath, spec.backingFormat());
                if (backingSize < 0) {
                    ImageInfo bi = bs.describe(b.volume());
                    backingFormat = spec.backingFormat() != null ? spec.backingFormat() : bi.format();
                    backingSize = bi.virtualSize();
                } else {
                    backingFormat = spec.backingFormat();
                }
                if (!FORMATS.contains(backingFormat)) {
                    throw new InvalidStorageRequestException("backing format '" + backingFormat + "' is not raw or qcow2");
                }
                if (capacity < 0) {
                    capacity = backingSize;
                } else if (capacity < backingSize) {
                    throw new InvalidStorageRequestException("a linked clone cannot be smaller (" + capacity + " bytes) than its backing volume ("
                            + backingSize + " bytes)");
                }
            } else if (capacity <= 0) {
                throw new InvalidStorageRequestException("a new volume needs a capacity larger than zero");
            }
            s.create(NewVolume.empty(ref.volume(), format, capacity, spec.preallocation(), backingPath, backingFormat), x -> { }, () -> false);
            markers.clear(ref);
        } finally {
            hold.close();
        }
        return ref;
    }

    /**
     * {@code vol-clone} / {@code vol-create-from}: a full copy of {@code source} as {@code name} in
     * {@code pool} (any running pool), in {@code format} (null: the source's; LVs are raw).
     */
    public Job cloneVolume(VolumeRef source, String pool, String name, String format, ProgressListener listener) {
        VolumeRef dst = new VolumeRef(pool, VolumeNames.check(name));
        VolumeStore src = store(source);
        Path srcPath = src.existing(source.volume());
        VolumeStore ds = store(dst);
        if (ds.exists(name)) {
            throw new InvalidStorageRequestException("volume '" + name + "' already exists in pool '" + pool + "'");
        }
        ImageInfo si = src.describe(source.volume());
        String fmt = formatFor(ds, format != null ? format : si.format());
        VolumeLocks.Hold srcHold = locks.acquire(source, "clone to " + dst, true);
        VolumeLocks.Hold dstHold;
        try {
            markers.requireComplete(source, "cloning it");
            dstHold = locks.acquire(dst, "clone", false);
        } catch (RuntimeException e) {
            srcHold.close();
            throw e;
        }
        long cap = si.virtualSize();
        return jobs.start("clone", dst, dstHold, listener, ctx -> {
            try (srcHold) {
                ds.create(NewVolume.copy(name, fmt, cap, srcPath, si.format()), pm -> ctx.progress(cap * pm / 1000, cap),
                        ctx::cancelled);
                ctx.progress(cap, cap);
            }
        });
    }

    /** {@code vol-resize}: grows; shrinks only with {@code shrink}. */
    public VolumeInfo resize(VolumeRef v, long capacity, boolean shrink) {
        VolumeStore s = store(v);
        VolumeLocks.Hold hold = locks.acquire(v, "resize", false);
        try {
            markers.requireComplete(v, "resizing it");
            ImageInfo i = s.describe(v.volume());
            if (capacity < i.virtualSize() && !shrink) {
                throw new InvalidStorageRequestException("shrinking " + v + " from " + i.virtualSize() + " to " + capacity
                        + " bytes would lose data at its end; pass --shrink to do it anyway");
            }
            if (capacity <= 0) {
                throw new InvalidStorageRequestException("a volume needs a capacity larger than zero");
            }
            if (capacity != i.virtualSize()) {
                s.resize(v.volume(), i.format(), capacity, capacity < i.virtualSize());
            }
        } finally {
            hold.close();
        }
        return info(v);
    }

    /**
     * {@code vol-delete}: refused while a job holds it and while a running guest has it open, also
     * when forced (a running guest never loses its disk); {@code force} is the caller's, for
     * definitions that merely name the volume.
     */
    public void delete(VolumeRef v, boolean force) {
        VolumeStore s = store(v);
        s.existing(v.volume());
        VolumeLocks.Hold hold = locks.acquire(v, "delete", false);
        try {
            s.delete(v.volume());
            markers.clear(v);
        } finally {
            hold.close();
        }
    }

    /** {@code vol-wipe [--algorithm]}. */
    public Job wipe(VolumeRef v, WipeAlgorithm algorithm, ProgressListener listener) {
        return transfers.wipe(v, algorithm == null ? WipeAlgorithm.ZERO : algorithm, listener);
    }

    /**
     * {@code vol-upload}: {@code length} bytes from {@code source} become the volume's content
     * (the bytes as stored: a qcow2 volume takes a qcow2 image). Refused when longer than the
     * volume's capacity. Until it completes the volume is marked incomplete.
     */
    public Job upload(VolumeRef v, ReadableByteChannel source, long length, ProgressListener listener) {
        return transfers.upload(v, source, length, listener);
    }

    /** {@code vol-upload FILE}. */
    public Job uploadFile(VolumeRef v, Path file, ProgressListener listener) {
        return transfers.uploadFile(v, file, listener);
    }

    /** {@code vol-download FILE}: the volume's bytes as stored, holes kept as holes. */
    public Job download(VolumeRef v, Path file, ProgressListener listener) {
        return transfers.download(v, file, listener);
    }

    /**
     * {@code vol-download} to a stream: the volume's bytes as stored, its data extents only, into
     * {@code sink}; the job's total is the stored length (the end of the last hole included).
     */
    public Job download(VolumeRef v, VolumeSink sink, ProgressListener listener) {
        return transfers.download(v, sink, listener);
    }

    /** The length {@link #download(VolumeRef, VolumeSink, ProgressListener)} streams: the bytes as stored. */
    public long storedLength(VolumeRef v) {
        return store(v).storedLength(v.volume());
    }

    private VolumeStore store(VolumeRef v) {
        return context.store(v);
    }

    private static String formatFor(VolumeStore s, String format) {
        if (s.onlyFormat() != null) {
            if (format != null && !format.equals(s.onlyFormat())) {
                throw new InvalidStorageRequestException("this pool holds " + s.onlyFormat() + " volumes only, not " + format);
            }
            return s.onlyFormat();
        }
        if (!FORMATS.contains(format)) {
            throw new InvalidStorageRequestException("unsupported volume format '" + format + "' (expected qcow2 or raw)");
        }
        return format;
    }
}
