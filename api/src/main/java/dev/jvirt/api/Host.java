package dev.jvirt.api;

import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The answers about the daemon and its host (docs/api.md, "Endpoints"). */
public final class Host {

    private Host() {
    }

    /** {@code GET /1.0}: who answers. */
    public record ServerInfo(String apiVersion, String version, String uri, String hostname, long pid) implements Shape {

        public static ServerInfo from(JsonObject o) {
            return new ServerInfo(o.string("api_version"), o.string("version"), o.string("uri"), o.string("hostname"),
                    o.number("pid", 0));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("api_version", apiVersion, "version", version, "uri", uri, "hostname", hostname,
                    "pid", pid);
        }
    }

    /** {@code GET /1.0/host/nodeinfo}: {@code cpuModel} is the architecture (virsh's "CPU model"), {@code cpuModelName} /proc/cpuinfo's name. */
    public record NodeInfo(String cpuModel, String cpuModelName, long cpus, long mhz, long nodes, long sockets,
            long cores, long threads, long memoryKib) implements Shape {

        public static NodeInfo from(JsonObject o) {
            return new NodeInfo(o.string("cpu_model"), o.string("cpu_model_name"), o.number("cpus", 0),
                    o.number("mhz", 0), o.number("nodes", 1), o.number("sockets", 0), o.number("cores", 0),
                    o.number("threads", 0), o.number("memory_kib", 0));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("cpu_model", cpuModel, "cpu_model_name", cpuModelName, "cpus", cpus, "mhz", mhz,
                    "nodes", nodes, "sockets", sockets, "cores", cores, "threads", threads, "memory_kib", memoryKib);
        }
    }

    /**
     * {@code GET /1.0/host/memory}: what nodememstats and freecell print. The totals are
     * /proc/meminfo's; each NUMA cell's total and free are the kernel's per-node counters (what
     * libvirt sums for nodeinfo's memory and freecell's total).
     */
    public record Memory(long totalKib, long freeKib, long buffersKib, long cachedKib, List<Cell> cells) implements Shape {

        public static Memory from(JsonObject o) {
            List<Cell> cells = new ArrayList<>();
            for (Object c : JsonObject.list(o.raw("cells"))) {
                cells.add(Cell.from(JsonObject.of(c)));
            }
            return new Memory(o.number("total_kib", 0), o.number("free_kib", 0), o.number("buffers_kib", 0),
                    o.number("cached_kib", 0), cells);
        }

        @Override
        public Map<String, Object> toJson() {
            List<Object> list = new ArrayList<>();
            for (Cell c : cells) {
                list.add(c.toJson());
            }
            return Json.object("total_kib", totalKib, "free_kib", freeKib, "buffers_kib", buffersKib,
                    "cached_kib", cachedKib, "cells", list);
        }
    }

    /** One NUMA cell of {@link Memory}. */
    public record Cell(long cell, long totalKib, long freeKib) implements Shape {

        public static Cell from(JsonObject o) {
            return new Cell(o.number("cell", 0), o.number("total_kib", 0), o.number("free_kib", 0));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("cell", cell, "total_kib", totalKib, "free_kib", freeKib);
        }
    }
}
