package dev.jvirt.vmmcore.daemon.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.daemon.http.Json;

/** The JSON shapes of docs/api.md for domains. */
final class DomainJson {
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
        // One snapshot (DomainInfo): a pid exactly when the state is active, and the CPU time is that pid's.
        o.put("cpu_time_ns", d.cpuTimeNanos());
        o.put("max_memory_kib", d.memoryKiB());
        o.put("used_memory_kib", d.status().isActive() ? d.memoryKiB() : 0L);
        if (d.pid().isPresent()) {
            o.put("pid", d.pid().getAsLong());
        } else {
            o.putNull("pid");
        }
        return o;
    }
}
