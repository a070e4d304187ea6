package dev.jvirt.vmmcore.daemon.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jvirt.api.Domains;
import dev.jvirt.vmmcore.BlockInfo;
import dev.jvirt.vmmcore.DomainStats;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.daemon.http.Json;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.RouteTable;
import java.util.EnumSet;
import java.util.Set;

/** Statistics of a domain: libvirt's domstats keys, and its disks' sizes and I/O errors. */
final class DomainStatsRoutes {
    private final Hypervisor hv;

    DomainStatsRoutes(Hypervisor hv) {
        this.hv = hv;
    }

    void register(RouteTable t) {
        t.get("/1.0/domains/{name}/stats", r -> {
            DomainStats s = hv.monitoring().stats(r.param("name"), groups(r.query("groups", "")));
            return Reply.json(DomainJson.node(new Domains.Stats(s.name(), s.stats())));
        });
        t.get("/1.0/domains/{name}/blockinfo", r -> {
            ArrayNode a = Json.MAPPER.createArrayNode();
            for (BlockInfo b : hv.monitoring().blockInfo(r.param("name"))) {
                a.add(DomainJson.node(new Domains.BlockInfo(b.target(), b.path(), b.capacity(), b.allocation(),
                        b.physical(), b.error())));
            }
            return Reply.json(a);
        });
    }

    /** {@code state,block}; empty: every group. */
    private static Set<DomainStats.Group> groups(String list) {
        if (list.isBlank()) {
            return DomainStats.ALL;
        }
        Set<DomainStats.Group> out = EnumSet.noneOf(DomainStats.Group.class);
        for (String g : list.split(",")) {
            out.add(DomainStats.Group.of(g.strip()));
        }
        return out;
    }
}
