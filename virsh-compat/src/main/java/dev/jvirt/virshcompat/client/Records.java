package dev.jvirt.virshcompat.client;

/** The shapes of jvirtd's answers that jvirsh prints (docs/api.md), read from JSON. */
public final class Records {

    private Records() {
    }

    /** An entry of {@code GET /1.0/domains}; {@code id} is null when the domain is not running. */
    public record DomainSummary(Long id, String name, String uuid, String state, String reason,
            boolean persistent, boolean autostart) {
        static DomainSummary of(JsonObject o) {
            return new DomainSummary(o.number("id"), o.string("name"), o.string("uuid"), o.string("state"),
                    o.string("reason"), o.bool("persistent"), o.bool("autostart"));
        }
    }

    /** {@code GET /1.0/domains/NAME}: what dominfo prints. */
    public record DomainInfo(Long id, String name, String uuid, String osType, String state, String reason,
            long vcpus, long cpuTimeNs, long maxMemoryKib, long usedMemoryKib, boolean persistent,
            boolean autostart) {
        static DomainInfo of(JsonObject o) {
            return new DomainInfo(o.number("id"), o.string("name"), o.string("uuid"), o.string("os_type", "hvm"),
                    o.string("state"), o.string("reason"), o.number("vcpus", 0), o.number("cpu_time_ns", 0),
                    o.number("max_memory_kib", 0), o.number("used_memory_kib", 0), o.bool("persistent"),
                    o.bool("autostart"));
        }
    }

    /** A state and its reason, in libvirt's words ({@code running}/{@code booted}). */
    public record StateReason(String state, String reason) {
        static StateReason of(JsonObject o) {
            return new StateReason(o.string("state"), o.string("reason"));
        }
    }

    /** A disk, as domblklist lists it. */
    public record BlockDevice(String type, String device, String target, String source) {
        static BlockDevice of(JsonObject o) {
            return new BlockDevice(o.string("type"), o.string("device"), o.string("target"), o.string("source"));
        }
    }

    /** A network interface, as domiflist lists it. */
    public record NetInterface(String name, String type, String source, String model, String mac) {
        static NetInterface of(JsonObject o) {
            return new NetInterface(o.string("interface"), o.string("type"), o.string("source"), o.string("model"),
                    o.string("mac"));
        }
    }

    /** {@code GET /1.0/host/nodeinfo}. */
    public record NodeInfo(String cpuModel, long cpus, long mhz, long nodes, long sockets, long cores,
            long threads, long memoryKib) {
        static NodeInfo of(JsonObject o) {
            return new NodeInfo(o.string("cpu_model"), o.number("cpus", 0), o.number("mhz", 0), o.number("nodes", 1),
                    o.number("sockets", 0), o.number("cores", 0), o.number("threads", 0), o.number("memory_kib", 0));
        }
    }

    /** {@code GET /1.0}: who answers. */
    public record ServerInfo(String apiVersion, String version, String uri, String hostname, long pid) {
        static ServerInfo of(JsonObject o) {
            return new ServerInfo(o.string("api_version"), o.string("version"), o.string("uri"), o.string("hostname"),
                    o.number("pid", 0));
        }
    }
}
