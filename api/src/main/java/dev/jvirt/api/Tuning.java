package dev.jvirt.api;

import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Live tuning of a domain (docs/api.md, "Tuning"): memory, vCPUs. */
public final class Tuning {

    private Tuning() {
    }

    private static Boolean flag(JsonObject o, String key) {
        return o.has(key) && o.raw(key) != null ? o.bool(key) : null;
    }

    private static Integer integer(JsonObject o, String key) {
        Long n = o.number(key);
        return n == null ? null : (int) (long) n;
    }

    /**
     * {@code POST .../memory}: setmem ({@code maximum} false: the balloon and {@code <currentMemory>})
     * or setmaxmem ({@code maximum} true: {@code <memory>}), in KiB; {@code live}/{@code config}
     * both null is virsh's {@code --current}.
     */
    public record Memory(long kib, boolean maximum, Boolean live, Boolean config) implements Shape {
        public static Memory from(JsonObject o) {
            return new Memory(o.number("kib", 0), o.bool("maximum"), flag(o, "live"), flag(o, "config"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("kib", kib, "maximum", maximum, "live", live, "config", config);
        }
    }

    /** {@code GET .../vcpus/count}: the stored and live counts (null where there is none). */
    public record VcpuCount(Integer maximumConfig, Integer currentConfig, Integer maximumLive, Integer currentLive)
            implements Shape {
        public static VcpuCount from(JsonObject o) {
            return new VcpuCount(integer(o, "maximum_config"), integer(o, "current_config"), integer(o, "maximum_live"),
                    integer(o, "current_live"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("maximum_config", maximumConfig, "current_config", currentConfig,
                    "maximum_live", maximumLive, "current_live", currentLive);
        }
    }

    /** One vCPU of {@code GET .../vcpus}: the host CPU it last ran on (-1 unknown), its CPU time, its affinity. */
    public record Vcpu(int vcpu, int cpu, String state, long cpuTimeNs, List<Integer> affinity) implements Shape {
        public Vcpu {
            affinity = List.copyOf(affinity);
        }

        public static Vcpu from(JsonObject o) {
            List<Integer> affinity = new ArrayList<>();
            for (Object a : JsonObject.list(o.raw("affinity"))) {
                affinity.add(((Number) a).intValue());
            }
            return new Vcpu(integer(o, "vcpu"), integer(o, "cpu"), o.string("state"), o.number("cpu_time_ns", 0), affinity);
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("vcpu", vcpu, "cpu", cpu, "state", state, "cpu_time_ns", cpuTimeNs, "affinity", affinity);
        }
    }

    /** {@code GET .../vcpus}: the running domain's vCPUs and how many CPUs the host has. */
    public record Vcpus(int hostCpus, List<Vcpu> vcpus) implements Shape {
        public Vcpus {
            vcpus = List.copyOf(vcpus);
        }

        public static Vcpus from(JsonObject o) {
            List<Vcpu> out = new ArrayList<>();
            for (Object v : JsonObject.list(o.raw("vcpus"))) {
                out.add(Vcpu.from(JsonObject.of(v)));
            }
            return new Vcpus(integer(o, "host_cpus"), out);
        }

        @Override
        public Map<String, Object> toJson() {
            List<Object> list = new ArrayList<>();
            for (Vcpu v : vcpus) {
                list.add(v.toJson());
            }
            return Json.object("host_cpus", hostCpus, "vcpus", list);
        }
    }

    /**
     * {@code POST .../description}: the new {@code text} (null or empty removes it) of the
     * domain's description, or with {@code title} its title.
     */
    public record Describe(String text, boolean title, Boolean live, Boolean config) implements Shape {
        public static Describe from(JsonObject o) {
            return new Describe(o.string("text", null), o.bool("title"), flag(o, "live"), flag(o, "config"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("text", text, "title", title, "live", live, "config", config);
        }
    }

    /** {@code GET .../description}: the description or title, null when there is none. */
    public record Text(String text) implements Shape {
        public static Text from(JsonObject o) {
            return new Text(o.string("text", null));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("text", text);
        }
    }

    /** {@code POST .../vcpus}: setvcpus to {@code count}; with {@code maximum} the stored maximum. */
    public record SetVcpus(int count, boolean maximum, Boolean live, Boolean config) implements Shape {
        public static SetVcpus from(JsonObject o) {
            return new SetVcpus((int) o.number("count", 0), o.bool("maximum"), flag(o, "live"), flag(o, "config"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("count", count, "maximum", maximum, "live", live, "config", config);
        }
    }

    /** One display of {@code GET .../displays}: vnc or spice, its listen address, port and (SPICE) TLS port or null. */
    public record Display(String type, String host, long port, Long tlsPort) implements Shape {
        public static Display from(JsonObject o) {
            return new Display(o.string("type"), o.string("host", ""), o.number("port", -1), o.number("tls_port"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("type", type, "host", host, "port", port, "tls_port", tlsPort);
        }
    }

    /** {@code .../vcpus/N/pin}, {@code .../emulator/pin}: host CPUs (the request's, or the answer's affinity). */
    public record Pin(List<Integer> cpus, Boolean live, Boolean config) implements Shape {
        public Pin {
            cpus = List.copyOf(cpus);
        }

        public static Pin from(JsonObject o) {
            List<Integer> cpus = new ArrayList<>();
            for (Object c : JsonObject.list(o.raw("cpus"))) {
                cpus.add(((Number) c).intValue());
            }
            return new Pin(cpus, flag(o, "live"), flag(o, "config"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("cpus", cpus, "live", live, "config", config);
        }
    }

    /** {@code POST .../send-key}: keys pressed together (QEMU qcodes, or qnum numbers as text), held {@code hold_ms}. */
    public record Keys(List<String> keys, long holdMs) implements Shape {
        public Keys {
            keys = List.copyOf(keys);
        }

        public static Keys from(JsonObject o) {
            List<String> keys = new ArrayList<>();
            for (Object k : JsonObject.list(o.raw("keys"))) {
                keys.add(String.valueOf(k));
            }
            return new Keys(keys, o.number("hold_ms", 0));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("keys", keys, "hold_ms", holdMs);
        }
    }

    /** {@code POST .../rename}: the shut-off domain's new name. */
    public record Rename(String name) implements Shape {
        public static Rename from(JsonObject o) {
            return new Rename(o.string("name", null));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("name", name);
        }
    }

    /** One I/O thread of {@code GET .../iothreads}: its number and the host CPUs it may run on. */
    public record Iothread(long id, List<Integer> affinity) implements Shape {
        public Iothread {
            affinity = List.copyOf(affinity);
        }

        public static Iothread from(JsonObject o) {
            List<Integer> affinity = new ArrayList<>();
            for (Object a : JsonObject.list(o.raw("affinity"))) {
                affinity.add(((Number) a).intValue());
            }
            return new Iothread(o.number("id", 0), affinity);
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("id", id, "affinity", affinity);
        }
    }

    /** {@code POST .../block-resize}: the disk (target or source path) and its new size in bytes; the answer names its target. */
    public record BlockResize(String disk, long bytes) implements Shape {
        public static BlockResize from(JsonObject o) {
            return new BlockResize(o.string("disk", null), o.number("bytes", 0));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("disk", disk, "bytes", bytes);
        }
    }

    /**
     * {@code POST .../media}: the CD-ROM drive ({@code target} or its source path) gets {@code file}
     * (null: ejected); the answer's {@code file} is what it had before (null: none).
     */
    public record Media(String target, String file, boolean force) implements Shape {
        public static Media from(JsonObject o) {
            return new Media(o.string("target", null), o.string("file", null), o.bool("force"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("target", target, "file", file, "force", force);
        }
    }
}
