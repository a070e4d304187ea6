package dev.jvirt.vmmcore.daemon.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.daemon.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JSON shapes of docs/api.md for domains. */
final class DomainJson {
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100; // USER_HZ is 100 on Linux

    private DomainJson() {
    }

    static ObjectNode state(DomainStatus s) {
        ObjectNode o = Json.object();
        o.put("state", s.state().label());
        o.put("reason", s.reason().label());
        return o;
    }

    /** An entry of {@code GET /1.0/domains}. */
    static ObjectNode listEntry(DomainInfo d, Integer id) {
        ObjectNode o = Json.object();
        if (id == null) {
            o.putNull("id");
        } else {
            o.put("id", id);
        }
        o.put("name", d.name());
        o.put("uuid", d.uuid());
        o.put("state", d.state().label());
        o.put("reason", d.reason().label());
        o.put("persistent", d.persistent());
        o.put("autostart", d.autostart());
        return o;
    }

    /** {@code GET /1.0/domains/NAME}: what virsh dominfo shows. */
    static ObjectNode info(DomainInfo d, Integer id) {
        ObjectNode o = listEntry(d, id);
        o.put("os_type", "hvm");
        o.put("type", d.type());
        o.put("vcpus", d.vcpus());
        // The hypervisor's info reads status and QEMU pid one after the other: a domain just marked
        // shut off may still name its exiting QEMU (and a starting one a QEMU not yet running the
        // guest). Answers stay consistent: a pid only with an active state.
        boolean active = d.status().isActive() && d.pid().isPresent();
        o.put("cpu_time_ns", active ? cpuTimeNanos(d.pid().getAsLong()) : 0L);
        o.put("max_memory_kib", d.memoryKiB());
        o.put("used_memory_kib", d.status().isActive() ? d.memoryKiB() : 0L);
        if (active) {
            o.put("pid", d.pid().getAsLong());
        } else {
            o.putNull("pid");
        }
        return o;
    }

    /** utime + stime of QEMU from /proc/PID/stat (0 when it cannot be read). */
    static long cpuTimeNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0L;
        }
    }
}
