package dev.jvirt.api;

import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The answers about domains (docs/api.md, "Endpoints"). */
public final class Domains {

    private Domains() {
    }

    /**
     * An entry of {@code GET /1.0/domains}; {@code id} is null exactly when the domain is not
     * running, paused or crashed.
     */
    public record Summary(Long id, String name, String uuid, String state, String reason, boolean persistent,
            boolean autostart, String title) implements Shape {

        /** A domain without a {@code <title>}. */
        public Summary(Long id, String name, String uuid, String state, String reason, boolean persistent,
                boolean autostart) {
            this(id, name, uuid, state, reason, persistent, autostart, null);
        }

        public static Summary from(JsonObject o) {
            return new Summary(o.number("id"), o.string("name"), o.string("uuid"), o.string("state"), o.string("reason"),
                    o.bool("persistent"), o.bool("autostart"), o.string("title"));
        }

        /** Every entry of the list answer. */
        public static List<Summary> list(Object parsed) {
            List<Summary> out = new ArrayList<>();
            for (Object o : JsonObject.list(parsed)) { // a loop, not a stream: jvirsh's start-up path
                out.add(from(JsonObject.of(o)));
            }
            return out;
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("id", id, "name", name, "uuid", uuid, "state", state, "reason", reason,
                    "persistent", persistent, "autostart", autostart, "title", title);
        }
    }

    /**
     * {@code GET /1.0/domains/NAME}, what dominfo prints: one moment's view, so {@code id} and
     * {@code pid} are non-null exactly when the domain is active, and {@code cpuTimeNs} is that
     * pid's CPU time.
     */
    public record Info(Long id, String name, String uuid, String state, String reason, boolean persistent,
            boolean autostart, String osType, String type, long vcpus, long cpuTimeNs, long maxMemoryKib,
            long usedMemoryKib, Long pid) implements Shape {

        public static Info from(JsonObject o) {
            return new Info(o.number("id"), o.string("name"), o.string("uuid"), o.string("state"), o.string("reason"),
                    o.bool("persistent"), o.bool("autostart"), o.string("os_type", "hvm"), o.string("type"),
                    o.number("vcpus", 0), o.number("cpu_time_ns", 0), o.number("max_memory_kib", 0),
                    o.number("used_memory_kib", 0), o.number("pid"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("id", id, "name", name, "uuid", uuid, "state", state, "reason", reason,
                    "persistent", persistent, "autostart", autostart, "os_type", osType, "type", type,
                    "vcpus", vcpus, "cpu_time_ns", cpuTimeNs, "max_memory_kib", maxMemoryKib,
                    "used_memory_kib", usedMemoryKib, "pid", pid);
        }
    }

    /** A state and its reason in libvirt's words ({@code running}/{@code booted}): {@code .../state} and every lifecycle answer. */
    public record StateReason(String state, String reason) implements Shape {

        public static StateReason from(JsonObject o) {
            return new StateReason(o.string("state"), o.string("reason"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("state", state, "reason", reason);
        }
    }

    /**
     * What define and create answer (201): the domain as the daemon named it; for define, whether
     * it replaced a stored definition and whether the domain is active (a running guest keeps its
     * live definition until its next start).
     */
    public record Ref(String name, String uuid, boolean replaced, boolean active) implements Shape {

        public static Ref from(JsonObject o) {
            return new Ref(o.string("name"), o.string("uuid"), o.bool("replaced"), o.bool("active"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("name", name, "uuid", uuid, "replaced", replaced, "active", active);
        }
    }

    /** An entry of {@code .../blockdevices} (domblklist); {@code source} is null for an empty drive. */
    public record BlockDevice(String type, String device, String target, String source) implements Shape {

        public static BlockDevice from(JsonObject o) {
            return new BlockDevice(o.string("type"), o.string("device"), o.string("target"), o.string("source"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("type", type, "device", device, "target", target, "source", source);
        }
    }

    /**
     * {@code GET .../stats}: libvirt's domstats keys in libvirt's order ({@code state.state},
     * {@code block.0.rd.reqs}, ...), each a number or a string.
     */
    public record Stats(String name, Map<String, Object> stats) implements Shape {

        /** Numbers come back as Long (the reader gives small ones as Integer), strings as they are. */
        public static Stats from(JsonObject o) {
            Map<String, Object> stats = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Object> e : JsonObject.of(o.raw("stats")).asMap().entrySet()) {
                stats.put(e.getKey(), e.getValue() instanceof Integer i ? Long.valueOf(i) : e.getValue());
            }
            return new Stats(o.string("name"), stats);
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("name", name, "stats", stats);
        }
    }

    /** An entry of {@code .../blockinfo} (domblkinfo, domblkerror); {@code error} is {@code none}, {@code no space} or {@code unspecified error}. */
    public record BlockInfo(String target, String path, long capacity, long allocation, long physical, String error)
            implements Shape {

        public static BlockInfo from(JsonObject o) {
            return new BlockInfo(o.string("target"), o.string("path"), o.number("capacity", 0), o.number("allocation", 0),
                    o.number("physical", 0), o.string("error"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("target", target, "path", path, "capacity", capacity, "allocation", allocation,
                    "physical", physical, "error", error);
        }
    }

    /** An entry of {@code .../interfaces} (domiflist). */
    public record Interface(String name, String type, String source, String model, String mac) implements Shape {

        public static Interface from(JsonObject o) {
            return new Interface(o.string("interface"), o.string("type"), o.string("source"), o.string("model"),
                    o.string("mac"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("interface", name, "type", type, "source", source, "model", model, "mac", mac);
        }
    }

    /** {@code POST /1.0/domxml-to-native}: QEMU's command line for a definition. */
    public record Argv(List<String> argv) implements Shape {

        public static Argv from(JsonObject o) {
            List<String> argv = new ArrayList<>();
            for (Object a : JsonObject.list(o.raw("argv"))) {
                argv.add(String.valueOf(a));
            }
            return new Argv(argv);
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("argv", argv);
        }
    }

    /** A line of {@code GET /1.0/events}: {@code event} is defined, started, stopped...; {@code detail} the reason word. */
    public record Event(String domain, String event, String detail, String timestamp) implements Shape {

        public static Event from(JsonObject o) {
            return new Event(o.string("domain"), o.string("event"), o.string("detail"), o.string("timestamp"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("domain", domain, "event", event, "detail", detail, "timestamp", timestamp);
        }
    }
}
