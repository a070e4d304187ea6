package dev.jvirt.vmmcore.daemon.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.api.Domains;
import dev.jvirt.api.Shape;
import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.daemon.http.Json;

/**
 * The domain answers of docs/api.md, as the wire shapes of dev.jvirt.api that jvirsh reads back
 * (one description of each, ShapeContractTest and ApiContractIT keep both sides to it).
 */
final class DomainJson {
    private DomainJson() {
    }

    static ObjectNode state(DomainStatus s) {
        return node(stateReason(s));
    }

    static Domains.StateReason stateReason(DomainStatus s) {
        return new Domains.StateReason(s.state().label(), s.reason().label());
    }

    /** An entry of {@code GET /1.0/domains}. */
    static ObjectNode listEntry(DomainInfo d, Integer id) {
        return node(summary(d, id));
    }

    static Domains.Summary summary(DomainInfo d, Integer id) {
        return new Domains.Summary(id == null ? null : (long) id, d.name(), d.uuid(), d.state().label(), d.reason().label(),
                d.persistent(), d.autostart(), d.title());
    }

    /** {@code GET /1.0/domains/NAME}: what virsh dominfo shows. */
    static ObjectNode info(DomainInfo d, Integer id) {
        return node(info(d, id == null ? null : (long) id));
    }

    static Domains.Info info(DomainInfo d, Long id) {
        // One snapshot (DomainInfo): a pid exactly when the state is active, and the CPU time is that pid's.
        return new Domains.Info(id, d.name(), d.uuid(), d.state().label(), d.reason().label(), d.persistent(),
                d.autostart(), "hvm", d.type(), d.vcpus(), d.cpuTimeNanos(), d.memoryKiB(),
                d.status().isActive() ? d.memoryKiB() : 0L, d.pid().isPresent() ? d.pid().getAsLong() : null);
    }

    /** A shape as the daemon's JSON tree (the routes answer Jackson nodes), field for field. */
    static ObjectNode node(Shape shape) {
        return Json.MAPPER.valueToTree(shape.toJson());
    }
}
