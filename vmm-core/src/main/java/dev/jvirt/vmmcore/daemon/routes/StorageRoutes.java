package dev.jvirt.vmmcore.daemon.routes;

import static io.netty.handler.codec.http.HttpResponseStatus.ACCEPTED;
import static io.netty.handler.codec.http.HttpResponseStatus.CREATED;

import dev.jvirt.api.Requests;
import dev.jvirt.api.Storage;
import dev.jvirt.api.json.JsonObject;
import dev.jvirt.domainxml.volume.StorageVolume;
import dev.jvirt.domainxml.volume.VolumeXml;
import dev.jvirt.storage.BuildMode;
import dev.jvirt.storage.Capacity;
import dev.jvirt.storage.InvalidStorageRequestException;
import dev.jvirt.storage.Job;
import dev.jvirt.storage.JobStatus;
import dev.jvirt.storage.PoolInfo;
import dev.jvirt.storage.Preallocation;
import dev.jvirt.storage.StoragePools;
import dev.jvirt.storage.VolumeInfo;
import dev.jvirt.storage.VolumeRef;
import dev.jvirt.storage.VolumeSpec;
import dev.jvirt.storage.WipeAlgorithm;
import dev.jvirt.vmmcore.HostStorage;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.Request;
import dev.jvirt.vmmcore.daemon.http.RouteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Storage pools and volumes (docs/api.md, "Storage"): the storage-pools library as jvirtd serves
 * it, in the shapes of {@code dev.jvirt.api.Storage}. Copies (clone, wipe) answer 202 with their
 * job; uploads and downloads are connection upgrades ({@link VolumeStreams}).
 */
public final class StorageRoutes {
    private static final String POOL = "/1.0/storage-pools/{pool}";
    private static final String VOL = POOL + "/volumes/{volume}";
    private final HostStorage storage;
    private final StoragePools pools;
    private final VolumeStreams streams;

    public StorageRoutes(HostStorage storage, Hypervisor hv) {
        this.storage = storage;
        this.pools = storage.pools();
        this.streams = new VolumeStreams(pools);
    }

    public void register(RouteTable t) {
        t.get("/1.0/storage-pools", r -> {
            List<Object> out = new ArrayList<>();
            for (PoolInfo p : pools.list()) {
                out.add(pool(p).toJson());
            }
            return Reply.json(out);
        });
        t.post("/1.0/storage-pools", r -> Reply.json(CREATED, pool(pools.define(xml(r), "pool definition")).toJson()));
        t.post("/1.0/storage-pools/create", r -> Reply.json(CREATED, pool(pools.create(xml(r), "pool definition")).toJson()));
        t.get(POOL, r -> Reply.json(pool(pools.info(r.param("pool"))).toJson()));
        t.get(POOL + "/xml", r -> Reply.xml(pools.dumpXml(r.param("pool"))));
        t.delete(POOL, r -> {
            pools.undefine(r.param("pool"));
            return Reply.json(Map.of());
        });
        t.post(POOL + "/build", r -> {
            String mode = Storage.Build.from(body(r)).mode();
            pools.build(r.param("pool"), buildMode(mode));
            return Reply.json(pool(pools.info(r.param("pool"))).toJson());
        });
        t.post(POOL + "/start", r -> poolAfter(r, () -> pools.start(r.param("pool"))));
        t.post(POOL + "/destroy", r -> {
            String name = r.param("pool");
            pools.stop(name);
            return Reply.json(pools.list().stream().anyMatch(p -> p.name().equals(name))
                    ? pool(pools.info(name)).toJson() : Map.of("name", name, "gone", true));
        });
        t.post(POOL + "/delete", r -> poolAfter(r, () -> pools.delete(r.param("pool"))));
        t.post(POOL + "/refresh", r -> poolAfter(r, () -> pools.refresh(r.param("pool"))));
        t.put(POOL + "/autostart", r -> {
            boolean on = Requests.Autostart.from(body(r)).autostart();
            pools.setAutostart(r.param("pool"), on);
            return Reply.json(new Requests.Autostart(on).toJson());
        });

        t.get(POOL + "/volumes", r -> {
            List<Object> out = new ArrayList<>();
            for (VolumeInfo v : pools.volumes().listDetails(r.param("pool"))) {
                out.add(volume(v).toJson());
            }
            return Reply.json(out);
        });
        t.post(POOL + "/volumes", this::createVolume);
        t.get(VOL, r -> Reply.json(volume(pools.volumes().info(ref(r))).toJson()));
        t.get(VOL + "/xml", r -> Reply.xml(pools.volumes().dumpXml(ref(r))));
        t.delete(VOL, r -> Reply.json(new Storage.Deleted(storage.deleteVolume(ref(r), r.queryFlag("force"))).toJson()));
        t.post(VOL + "/resize", r -> {
            Storage.Resize req = Storage.Resize.from(body(r));
            if (req.capacity() == null) {
                throw ApiException.badRequest("a resize needs \"capacity\"");
            }
            VolumeRef v = ref(r);
            long bytes = Capacity.parse(req.capacity());
            if (req.delta()) {
                bytes = Math.addExact(pools.volumes().info(v).capacity(), bytes);
            }
            return Reply.json(volume(pools.volumes().resize(v, bytes, req.shrink())).toJson());
        });
        t.post(VOL + "/clone", r -> {
            Storage.Clone req = Storage.Clone.from(body(r));
            String name = req.name();
            String format = req.format();
            if (req.xml() != null) {
                StorageVolume v = VolumeXml.load(req.xml(), "volume definition");
                name = v.name();
                format = v.format();
            }
            if (name == null) {
                throw ApiException.badRequest("a clone needs \"name\" (or \"xml\")");
            }
            Job j = pools.volumes().cloneVolume(ref(r), req.pool() == null ? r.param("pool") : req.pool(), name, format, null);
            return Reply.json(ACCEPTED, job(j.status()).toJson());
        });
        t.post(VOL + "/wipe", r -> {
            Job j = pools.volumes().wipe(ref(r), WipeAlgorithm.parse(Storage.Wipe.from(body(r)).algorithm()), null);
            return Reply.json(ACCEPTED, job(j.status()).toJson());
        });
        t.post(VOL + "/upload", r -> streams.upload(ref(r), r));
        t.get(VOL + "/download", r -> streams.download(ref(r), r));
        t.get("/1.0/storage-volumes", r -> {
            String key = r.query("key", null);
            if (key == null) {
                throw ApiException.badRequest("give the volume's key (its path): ?key=PATH");
            }
            return Reply.json(volume(pools.volumes().info(pools.volumes().byKey(key))).toJson());
        });
        t.get("/1.0/storage-jobs/{id}", r -> Reply.json(job(pools.job(jobId(r))).toJson()));
        t.post("/1.0/storage-jobs/{id}/cancel", r -> {
            pools.jobHandle(jobId(r)).cancel();
            return Reply.json(job(pools.job(jobId(r))).toJson());
        });
    }

    private Reply createVolume(Request r) {
        String pool = r.param("pool");
        Storage.CreateVolume req = Storage.CreateVolume.from(body(r));
        VolumeSpec spec;
        if (req.xml() != null) {
            StorageVolume v = VolumeXml.load(req.xml(), "volume definition");
            VolumeRef backing = v.backingStore() == null || v.backingStore().path() == null ? null
                    : pools.volumes().byKey(v.backingStore().path());
            spec = VolumeSpec.fromDefinition(v, backing, "metadata".equals(req.preallocation()));
        } else {
            if (req.name() == null) {
                throw ApiException.badRequest("a volume needs \"name\" (or \"xml\")");
            }
            long capacity = req.capacity() == null ? -1 : Capacity.parse(req.capacity());
            Preallocation pre = req.preallocation() == null ? Preallocation.OFF : Preallocation.parse(req.preallocation());
            if (req.backingVolume() != null) {
                VolumeRef b = req.backingVolume().startsWith("/") ? pools.volumes().byKey(req.backingVolume())
                        : new VolumeRef(pool, req.backingVolume());
                spec = new VolumeSpec(req.name(), req.format() == null ? "qcow2" : req.format(), capacity, pre, b,
                        req.backingFormat());
            } else {
                if (capacity < 0) {
                    throw new InvalidStorageRequestException("a new volume needs a capacity (vol-create-as NAME CAPACITY)");
                }
                spec = VolumeSpec.of(req.name(), req.format(), capacity, pre);
            }
        }
        VolumeRef made = pools.volumes().create(pool, spec);
        return Reply.json(CREATED, volume(pools.volumes().info(made)).toJson());
    }

    private interface PoolAction {
        void run();
    }

    private Reply poolAfter(Request r, PoolAction action) {
        action.run();
        return Reply.json(pool(pools.info(r.param("pool"))).toJson());
    }

    private static VolumeRef ref(Request r) {
        return new VolumeRef(r.param("pool"), r.param("volume"));
    }

    private static long jobId(Request r) {
        try {
            return Long.parseLong(r.param("id"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("a job id is a number, not '" + r.param("id") + "'");
        }
    }

    private static JsonObject body(Request r) {
        if (r.body().length == 0) {
            return new JsonObject(Map.of());
        }
        r.json(); // refuses a body that is not a JSON object, in the daemon's words
        return JsonObject.parse(r.body());
    }

    /** The pool XML: the body itself as {@code application/xml}, or the {@code xml} field. */
    private static String xml(Request r) {
        return r.definitionXml();
    }

    private static BuildMode buildMode(String mode) {
        return switch (mode == null ? "normal" : mode) {
            case "normal" -> BuildMode.NORMAL;
            case "overwrite" -> BuildMode.OVERWRITE;
            case "no-overwrite" -> BuildMode.NO_OVERWRITE;
            default -> throw ApiException.badRequest("build mode is normal, overwrite or no-overwrite, not '" + mode + "'");
        };
    }

    static Storage.Pool pool(PoolInfo p) {
        return new Storage.Pool(p.name(), p.uuid(), p.type(), p.running(), p.persistent(), p.autostart(), p.capacity(),
                p.allocation(), p.available());
    }

    static Storage.Volume volume(VolumeInfo v) {
        boolean backed = !v.backingChain().isEmpty();
        return new Storage.Volume(v.pool(), v.name(), v.path(), v.type(), v.format(), v.capacity(), v.allocation(),
                backed ? v.backingChain().get(0).path() : null, backed ? v.backingChain().get(0).format() : null,
                v.incomplete(), v.holder());
    }

    static Storage.Job job(JobStatus s) {
        return new Storage.Job(s.id(), s.kind(), s.volume().pool(), s.volume().volume(),
                s.state().name().toLowerCase(Locale.ROOT), s.bytesDone(), s.bytesTotal(), s.error());
    }
}
