package dev.jvirt.api;

import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Storage pools, volumes and their jobs (docs/api.md, "Storage"): answers and request bodies. */
public final class Storage {

    private Storage() {
    }

    /** {@code GET /1.0/storage-pools/NAME} and each entry of the list (pool-info, pool-list --details). */
    public record Pool(String name, String uuid, String type, boolean active, boolean persistent, boolean autostart,
            long capacity, long allocation, long available) implements Shape {

        public static Pool from(JsonObject o) {
            return new Pool(o.string("name"), o.string("uuid"), o.string("type"), o.bool("active"), o.bool("persistent"),
                    o.bool("autostart"), o.number("capacity", 0), o.number("allocation", 0), o.number("available", 0));
        }

        public static List<Pool> list(Object parsed) {
            List<Pool> out = new ArrayList<>();
            for (Object o : JsonObject.list(parsed)) {
                out.add(from(JsonObject.of(o)));
            }
            return out;
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("name", name, "uuid", uuid, "type", type, "active", active, "persistent", persistent,
                    "autostart", autostart, "capacity", capacity, "allocation", allocation, "available", available);
        }
    }

    /**
     * {@code GET .../volumes/NAME} and each entry of the list (vol-info, vol-list --details):
     * {@code backing_path}/{@code backing_format} are the image right below it (null for none),
     * {@code holder} what holds it now (a job, a guest), or null.
     */
    public record Volume(String pool, String name, String path, String type, String format, long capacity,
            long allocation, String backingPath, String backingFormat, boolean incomplete, String holder) implements Shape {

        public static Volume from(JsonObject o) {
            return new Volume(o.string("pool"), o.string("name"), o.string("path"), o.string("type"), o.string("format"),
                    o.number("capacity", 0), o.number("allocation", 0), o.string("backing_path"), o.string("backing_format"),
                    o.bool("incomplete"), o.string("holder"));
        }

        public static List<Volume> list(Object parsed) {
            List<Volume> out = new ArrayList<>();
            for (Object o : JsonObject.list(parsed)) {
                out.add(from(JsonObject.of(o)));
            }
            return out;
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("pool", pool, "name", name, "path", path, "type", type, "format", format,
                    "capacity", capacity, "allocation", allocation, "backing_path", backingPath,
                    "backing_format", backingFormat, "incomplete", incomplete, "holder", holder);
        }
    }

    /** A volume job ({@code GET /1.0/storage-jobs/ID}): clone, wipe, upload, download. {@code error} is null unless it failed. */
    public record Job(long id, String kind, String pool, String volume, String state, long bytesDone, long bytesTotal,
            String error) implements Shape {

        public static Job from(JsonObject o) {
            return new Job(o.number("id", 0), o.string("kind"), o.string("pool"), o.string("volume"), o.string("state"),
                    o.number("bytes_done", 0), o.number("bytes_total", 0), o.string("error"));
        }

        /** Whether the job has ended (succeeded, failed or cancelled). */
        public boolean finished() {
            return !"running".equals(state);
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("id", id, "kind", kind, "pool", pool, "volume", volume, "state", state,
                    "bytes_done", bytesDone, "bytes_total", bytesTotal, "error", error);
        }
    }

    /** What {@code DELETE .../volumes/NAME} answers: the domains whose definitions name it (a forced delete). */
    public record Deleted(List<String> usedBy) implements Shape {
        public Deleted {
            usedBy = List.copyOf(usedBy);
        }

        public static Deleted from(JsonObject o) {
            List<String> names = new ArrayList<>();
            Object raw = o.raw("used_by");
            if (raw != null) {
                for (Object n : JsonObject.list(raw)) {
                    names.add((String) n);
                }
            }
            return new Deleted(names);
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("used_by", usedBy);
        }
    }

    /** {@code POST /1.0/storage-pools} (define) and {@code POST /1.0/storage-pools/create}: libvirt's pool XML. */
    public record PoolXml(String xml) implements Shape {
        public static PoolXml from(JsonObject o) {
            return new PoolXml(o.string("xml"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("xml", xml);
        }
    }

    /** {@code POST .../build}: {@code normal}, {@code overwrite} or {@code no-overwrite}. */
    public record Build(String mode) implements Shape {
        public static Build from(JsonObject o) {
            return new Build(o.string("mode", "normal"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("mode", mode);
        }
    }

    /**
     * {@code POST /1.0/storage-pools/NAME/volumes}: {@code xml} (libvirt's volume XML), or the
     * fields of vol-create-as. {@code capacity} as virsh takes it ({@code 10G}, bytes when bare;
     * null for a linked clone as large as its backing volume); {@code backing_volume} a volume of this pool by name, or any volume by path.
     */
    public record CreateVolume(String xml, String name, String capacity, String format, String preallocation,
            String backingVolume, String backingFormat) implements Shape {

        public static CreateVolume from(JsonObject o) {
            return new CreateVolume(o.string("xml"), o.string("name"), o.string("capacity"), o.string("format"),
                    o.string("preallocation"), o.string("backing_volume"), o.string("backing_format"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("xml", xml, "name", name, "capacity", capacity, "format", format,
                    "preallocation", preallocation, "backing_volume", backingVolume, "backing_format", backingFormat);
        }
    }

    /** {@code POST .../volumes/NAME/resize}: {@code capacity} as virsh takes it ({@code 2G}), or added to the current with {@code delta}. */
    public record Resize(String capacity, boolean delta, boolean shrink) implements Shape {
        public static Resize from(JsonObject o) {
            return new Resize(o.string("capacity"), o.bool("delta"), o.bool("shrink"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("capacity", capacity, "delta", delta, "shrink", shrink);
        }
    }

    /**
     * {@code POST .../volumes/NAME/clone}: a full copy as {@code name} in {@code pool} (null: the
     * same), in {@code format} (null: the source's); or, for vol-create-from, named and formatted
     * by the volume XML {@code xml}.
     */
    public record Clone(String name, String pool, String format, String xml) implements Shape {
        public static Clone from(JsonObject o) {
            return new Clone(o.string("name"), o.string("pool"), o.string("format"), o.string("xml"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("name", name, "pool", pool, "format", format, "xml", xml);
        }
    }

    /** {@code POST .../volumes/NAME/wipe}: {@code zero}, {@code random} or {@code trim}. */
    public record Wipe(String algorithm) implements Shape {
        public static Wipe from(JsonObject o) {
            return new Wipe(o.string("algorithm", "zero"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("algorithm", algorithm);
        }
    }
}
