package dev.jvirt.vmmcore.daemon.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Disk;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.NetInterface;
import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.daemon.http.Json;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.Request;
import dev.jvirt.vmmcore.daemon.http.RouteTable;

/** Reading domains: list, dominfo, state, XML, block devices, interfaces. */
final class DomainQueryRoutes {
    private final Hypervisor hv;

    DomainQueryRoutes(Hypervisor hv) {
        this.hv = hv;
    }

    void register(RouteTable t) {
        t.get("/1.0/domains", r -> {
            ArrayNode a = Json.MAPPER.createArrayNode();
            for (DomainInfo d : hv.list()) {
                a.add(DomainJson.listEntry(d, id(d)));
            }
            return Reply.json(a);
        });
        t.get("/1.0/domains/{name}", r -> {
            DomainInfo d = hv.info(r.param("name"));
            return Reply.json(DomainJson.info(d, id(d)));
        });
        t.get("/1.0/domains/{name}/state", r -> Reply.json(DomainJson.state(hv.state(r.param("name")))));
        t.get("/1.0/domains/{name}/xml", r -> Reply.xml(hv.xml(r.param("name"), r.queryFlag("inactive"))));
        t.get("/1.0/domains/{name}/blockdevices", r -> Reply.json(blockDevices(definition(r))));
        t.get("/1.0/domains/{name}/interfaces", r -> Reply.json(interfaces(definition(r))));
    }

    private Domain definition(Request r) {
        return hv.definition(r.param("name"), r.queryFlag("inactive"));
    }

    private static Integer id(DomainInfo d) {
        return d.id().isPresent() ? d.id().getAsInt() : null;
    }

    private static ArrayNode blockDevices(Domain d) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Disk disk : d.devices().disks()) {
            ObjectNode o = a.addObject();
            o.put("type", disk.type());
            o.put("device", disk.deviceOrDefault());
            o.put("target", disk.target() == null ? null : disk.target().dev());
            Disk.Source s = disk.source();
            String source = s == null ? null : s.path() != null ? s.path()
                    : s.pool() != null ? s.pool() + "/" + s.volume() : null;
            o.put("source", source);
        }
        return a;
    }

    private static ArrayNode interfaces(Domain d) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (NetInterface n : d.devices().interfaces()) {
            ObjectNode o = a.addObject();
            o.put("interface", n.targetDev());
            o.put("type", n.type());
            o.put("source", n.sourceNetwork() != null ? n.sourceNetwork()
                    : n.sourceBridge() != null ? n.sourceBridge() : n.sourceDev());
            o.put("model", n.model());
            o.put("mac", n.mac());
        }
        return a;
    }
}
