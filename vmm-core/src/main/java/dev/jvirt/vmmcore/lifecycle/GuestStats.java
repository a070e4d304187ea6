package dev.jvirt.vmmcore.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Disk;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.NetInterface;
import dev.jvirt.vmmcore.BlockInfo;
import dev.jvirt.vmmcore.DomainStats;
import dev.jvirt.vmmcore.DomainStats.Group;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.qemu.argv.DeviceIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code virsh domstats} of a domain, gathered as libvirt's QEMU driver gathers them: QMP
 * ({@code query-balloon}, the balloon's {@code guest-stats}, {@code query-cpus-fast},
 * {@code query-blockstats}, {@code query-block}) and /proc for QEMU's CPU time, its vCPU
 * threads and its RSS. Keys, order and units are libvirt's; what cannot be known is left out,
 * as libvirt leaves it out.
 */
public final class GuestStats {
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;
    private static final String BALLOON = "/machine/peripheral/balloon0";
    private final Path proc;

    public GuestStats(Path proc) {
        this.proc = proc;
    }

    /**
     * The stats of {@code groups} for the domain in snapshot {@code s}. An inactive one has what
     * its definition says, as libvirt gives it: state, balloon and vCPU sizes, its disks' names and paths.
     */
    public DomainStats collect(String name, DomainEntry.Snapshot s, Set<Group> groups) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (groups.contains(Group.STATE)) {
            out.put("state.state", LibvirtCodes.state(s.status()));
            out.put("state.reason", LibvirtCodes.reason(s.status()));
        }
        RunningGuest g = s.guest();
        if (g == null) {
            inactive(s.persistent(), groups, out);
            return new DomainStats(name, out);
        }
        Domain def = g.live();
        long pid = g.process().pid();
        if (groups.contains(Group.CPU_TOTAL)) {
            long[] ticks = cpuTicks(proc.resolve(Long.toString(pid)).resolve("stat"));
            out.put("cpu.time", (ticks[0] + ticks[1]) * NANOS_PER_TICK);
            out.put("cpu.user", ticks[0] * NANOS_PER_TICK);
            out.put("cpu.system", ticks[1] * NANOS_PER_TICK);
            out.put("cpu.cache.monitor.count", 0L); // jvirt sets up no resctrl monitors
        }
        if (groups.contains(Group.BALLOON)) {
            balloon(name, g, def, pid, out);
        }
        if (groups.contains(Group.VCPU)) {
            vcpus(name, g, def, pid, out);
        }
        if (groups.contains(Group.INTERFACE)) {
            interfaces(def, out);
        }
        if (groups.contains(Group.BLOCK)) {
            blocks(name, g, def, out);
        }
        return new DomainStats(name, out);
    }

    private static void inactive(Domain def, Set<Group> groups, Map<String, Object> out) {
        if (def == null) {
            return;
        }
        if (groups.contains(Group.BALLOON)) {
            out.put("balloon.current", def.currentMemoryKiB() != null ? def.currentMemoryKiB() : def.memoryKiB());
            out.put("balloon.maximum", def.memoryKiB());
        }
        if (groups.contains(Group.VCPU)) {
            int max = def.vcpu() == null ? Math.max(1, def.vcpus()) : def.vcpu().count();
            Integer current = def.vcpu() == null ? null : def.vcpu().current();
            out.put("vcpu.current", (long) (current == null ? max : current));
            out.put("vcpu.maximum", (long) max);
        }
        if (groups.contains(Group.BLOCK)) {
            List<Disk> disks = def.devices().disks();
            out.put("block.count", (long) disks.size());
            for (int i = 0; i < disks.size(); i++) {
                out.put("block." + i + ".name", disks.get(i).target().dev());
                String path = disks.get(i).source() == null ? null : disks.get(i).source().path();
                if (path != null) {
                    out.put("block." + i + ".path", path);
                }
            }
        }
    }

    /** The disks of a running guest with QEMU's sizes and I/O status (domblkinfo, domblkerror). */
    public List<BlockInfo> blockInfo(String name, RunningGuest g) {
        Map<String, JsonNode> block = byDevice(GuestMonitor.call(g, name, "query-block", null));
        List<BlockInfo> out = new ArrayList<>();
        for (Disk d : g.live().devices().disks()) {
            JsonNode b = block.get(DeviceIds.disk(d));
            JsonNode image = b == null ? null : b.path("inserted").path("image");
            String path = d.source() == null ? null : d.source().path();
            long physical = 0;
            if (path != null) {
                try {
                    physical = Files.size(Path.of(path));
                } catch (IOException | RuntimeException e) {
                    physical = 0;
                }
            }
            String io = b == null ? "ok" : b.path("io-status").asText("ok");
            out.add(new BlockInfo(d.target().dev(), path, image == null ? 0 : image.path("virtual-size").asLong(),
                    image == null ? 0 : image.path("actual-size").asLong(), physical,
                    switch (io) {
                        case "nospace" -> "no space";
                        case "failed" -> "unspecified error";
                        default -> "none";
                    }));
        }
        return out;
    }

    private void balloon(String name, RunningGuest g, Domain def, long pid, Map<String, Object> out) {
        boolean hasBalloon = def.devices().memballoon() != null && !"none".equals(def.devices().memballoon().model());
        long current = def.currentMemoryKiB() != null ? def.currentMemoryKiB() : def.memoryKiB();
        if (hasBalloon) {
            current = GuestMonitor.call(g, name, "query-balloon", null).path("actual").asLong(current * 1024) / 1024;
        }
        out.put("balloon.current", current);
        out.put("balloon.maximum", def.memoryKiB());
        if (hasBalloon) {
            JsonNode stats = guestStats(name, g);
            JsonNode st = stats.path("stats");
            stat(out, "balloon.swap_in", st, "stat-swap-in", 1024);
            stat(out, "balloon.swap_out", st, "stat-swap-out", 1024);
            stat(out, "balloon.major_fault", st, "stat-major-faults", 1);
            stat(out, "balloon.minor_fault", st, "stat-minor-faults", 1);
            stat(out, "balloon.unused", st, "stat-free-memory", 1024);
            stat(out, "balloon.available", st, "stat-total-memory", 1024);
            stat(out, "balloon.usable", st, "stat-available-memory", 1024);
            out.put("balloon.last-update", stats.path("last-update").asLong(0));
            stat(out, "balloon.disk_caches", st, "stat-disk-caches", 1024);
            stat(out, "balloon.hugetlb_pgalloc", st, "stat-htlb-pgalloc", 1);
            stat(out, "balloon.hugetlb_pgfail", st, "stat-htlb-pgfail", 1);
        }
        long rss = rssKib(proc.resolve(Long.toString(pid)).resolve("status"));
        if (rss >= 0) {
            out.put("balloon.rss", rss);
        }
    }

    /** The balloon's guest statistics, polled every 5 s as libvirt has QEMU poll them (turned on at the first ask). */
    private static JsonNode guestStats(String name, RunningGuest g) {
        JsonNode interval = GuestMonitor.call(g, name, "qom-get", args("path", BALLOON, "property", "guest-stats-polling-interval"));
        if (interval.asLong(0) == 0) {
            ObjectNode set = args("path", BALLOON, "property", "guest-stats-polling-interval");
            set.put("value", 5);
            GuestMonitor.call(g, name, "qom-set", set);
        }
        return GuestMonitor.call(g, name, "qom-get", args("path", BALLOON, "property", "guest-stats"));
    }

    private static void stat(Map<String, Object> out, String key, JsonNode stats, String field, long divisor) {
        long v = stats.path(field).asLong(-1);
        if (v >= 0) {
            out.put(key, v / divisor);
        }
    }

    private void vcpus(String name, RunningGuest g, Domain def, long pid, Map<String, Object> out) {
        JsonNode cpus = GuestMonitor.call(g, name, "query-cpus-fast", null);
        int max = def.vcpu() == null ? Math.max(1, def.vcpus()) : def.vcpu().count();
        out.put("vcpu.current", (long) cpus.size());
        out.put("vcpu.maximum", (long) max);
        for (JsonNode c : cpus) {
            long index = c.path("cpu-index").asLong();
            Path task = proc.resolve(Long.toString(pid)).resolve("task").resolve(c.path("thread-id").asText());
            long[] ticks = cpuTicks(task.resolve("stat"));
            String p = "vcpu." + index + ".";
            out.put(p + "state", 1L); // running: an offline vCPU has no thread in query-cpus-fast
            out.put(p + "time", (ticks[0] + ticks[1]) * NANOS_PER_TICK);
            out.put(p + "wait", waitSumNanos(task.resolve("sched")));
            out.put(p + "delay", schedstatDelay(task.resolve("schedstat")));
        }
    }

    /** libvirt counts only interfaces with a host device (a TAP): user-mode networking has none. */
    private void interfaces(Domain def, Map<String, Object> out) {
        List<NetInterface> nics = def.devices().interfaces();
        out.put("net.count", (long) nics.size());
        int i = 0;
        for (NetInterface n : nics) {
            String dev = n.targetDev();
            Path sys = Path.of("/sys/class/net").resolve(dev == null ? "-" : dev).resolve("statistics");
            if (dev != null && Files.isDirectory(sys)) {
                String p = "net." + i + ".";
                out.put(p + "name", dev);
                // The host side of a TAP sees the guest's traffic the other way round: libvirt swaps them.
                for (String[] k : new String[][] {{"rx.bytes", "tx_bytes"}, {"rx.pkts", "tx_packets"},
                        {"rx.errs", "tx_errors"}, {"rx.drop", "tx_dropped"}, {"tx.bytes", "rx_bytes"},
                        {"tx.pkts", "rx_packets"}, {"tx.errs", "rx_errors"}, {"tx.drop", "rx_dropped"}}) {
                    out.put(p + k[0], number(sys.resolve(k[1])));
                }
            }
            i++;
        }
    }

    private void blocks(String name, RunningGuest g, Domain def, Map<String, Object> out) {
        Map<String, JsonNode> stats = byDevice(GuestMonitor.call(g, name, "query-blockstats", null));
        Map<String, JsonNode> block = byDevice(GuestMonitor.call(g, name, "query-block", null));
        List<Disk> disks = def.devices().disks();
        out.put("block.count", (long) disks.size());
        int i = 0;
        long backingIndex = 1;
        for (Disk d : disks) {
            String id = DeviceIds.disk(d);
            String p = "block." + i + ".";
            out.put(p + "name", d.target().dev());
            String path = d.source() == null ? null : d.source().path();
            if (path != null) {
                out.put(p + "path", path);
                out.put(p + "backingIndex", backingIndex);
            }
            backingIndex += 1 + chainLength(d.backingStore());
            JsonNode s = stats.containsKey(id) ? stats.get(id).path("stats") : null;
            if (s != null) {
                out.put(p + "rd.reqs", s.path("rd_operations").asLong());
                out.put(p + "rd.bytes", s.path("rd_bytes").asLong());
                out.put(p + "rd.times", s.path("rd_total_time_ns").asLong());
                out.put(p + "wr.reqs", s.path("wr_operations").asLong());
                out.put(p + "wr.bytes", s.path("wr_bytes").asLong());
                out.put(p + "wr.times", s.path("wr_total_time_ns").asLong());
                out.put(p + "fl.reqs", s.path("flush_operations").asLong());
                out.put(p + "fl.times", s.path("flush_total_time_ns").asLong());
                out.put(p + "allocation", s.path("wr_highest_offset").asLong());
            }
            JsonNode image = block.containsKey(id) ? block.get(id).path("inserted").path("image") : null;
            if (image != null && !image.isMissingNode()) {
                out.put(p + "capacity", image.path("virtual-size").asLong());
                out.put(p + "physical", image.path("actual-size").asLong());
            }
            i++;
        }
    }

    private static int chainLength(Disk.BackingStore b) {
        int n = 0;
        for (Disk.BackingStore x = b; x != null && x.source() != null; x = x.next()) {
            n++;
        }
        return n;
    }

    /** QMP's block answers by the qdev id of their device ({@code /machine/peripheral/virtio-disk0/virtio-backend} → {@code virtio-disk0}). */
    /** query-block's entries by the qdev id of the device they are inserted in (virtio-disk0). */
    static Map<String, JsonNode> byDevice(JsonNode list) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode b : list) {
            String qdev = b.path("qdev").asText("");
            String prefix = "/machine/peripheral/";
            String id = qdev.startsWith(prefix) ? qdev.substring(prefix.length()).split("/")[0] : qdev;
            if (!id.isEmpty()) {
                out.put(id, b);
            }
        }
        return out;
    }

    private static ObjectNode args(String... keysAndValues) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            o.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return o;
    }

    /** utime and stime ticks of a /proc stat file (the command name may hold spaces and parentheses). */
    static long[] cpuTicks(Path stat) {
        try {
            String text = Files.readString(stat, StandardCharsets.ISO_8859_1);
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** VmRSS of /proc/PID/status in KiB, -1 when it cannot be read. */
    static long rssKib(Path status) {
        try {
            for (String l : Files.readAllLines(status, StandardCharsets.ISO_8859_1)) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The second field of schedstat: ns spent waiting on a run queue. */
    static long schedstatDelay(Path schedstat) {
        try {
            String[] f = Files.readString(schedstat).strip().split("\\s+");
            return Long.parseLong(f[1]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** {@code wait_sum} of /proc/PID/task/TID/sched (ms, fractional) in ns; 0 without schedstats. */
    static long waitSumNanos(Path sched) {
        try {
            for (String l : Files.readAllLines(sched)) {
                if (l.contains("wait_sum")) {
                    return Math.round(Double.parseDouble(l.substring(l.indexOf(':') + 1).strip()) * 1_000_000);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static long number(Path file) {
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** libvirt's numbers for states and reasons (virDomainState and its reason enums). */
    static final class LibvirtCodes {
        private LibvirtCodes() {
        }

        static long state(DomainStatus s) {
            return switch (s.state()) {
                case RUNNING -> 1;
                case PAUSED -> 3;
                case SHUTOFF -> 5;
                case CRASHED -> 6;
            };
        }

        static long reason(DomainStatus s) {
            return switch (s.state()) {
                case RUNNING -> switch (s.reason()) {
                    case BOOTED -> 1;
                    case UNPAUSED -> 5;
                    case CRASHED -> 9;
                    default -> 0;
                };
                case PAUSED -> switch (s.reason()) {
                    case USER -> 1;
                    case SHUTTING_DOWN -> 8;
                    case CRASHED -> 10;
                    case STARTING_UP -> 11;
                    default -> 0;
                };
                case SHUTOFF -> switch (s.reason()) {
                    case SHUTDOWN -> 1;
                    case DESTROYED -> 2;
                    case CRASHED -> 3;
                    case FAILED -> 6;
                    default -> 0;
                };
                case CRASHED -> s.reason() == dev.jvirt.vmmcore.StateReason.PANICKED ? 1 : 0;
            };
        }
    }
}
