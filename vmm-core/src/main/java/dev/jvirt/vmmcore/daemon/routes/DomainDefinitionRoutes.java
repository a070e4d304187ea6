package dev.jvirt.vmmcore.daemon.routes;

import static io.netty.handler.codec.http.HttpResponseStatus.CREATED;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.vmmcore.DomainConflictException;
import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.daemon.http.Json;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.Request;
import dev.jvirt.vmmcore.daemon.http.RouteTable;

/** Definitions: define, create (transient), undefine, autostart. */
final class DomainDefinitionRoutes {
    private final Hypervisor hv;
    private final DomainLookup lookup;

    DomainDefinitionRoutes(Hypervisor hv, DomainLookup lookup) {
        this.hv = hv;
        this.lookup = lookup;
    }

    void register(RouteTable t) {
        t.post("/1.0/domains", r -> {
            String xml = Json.requiredText(r.json(), "xml");
            requireUuidFree(xml);
            return Reply.json(CREATED, nameAndUuid(hv.define(xml)));
        });
        t.post("/1.0/domains/create", r -> {
            ObjectNode body = r.json();
            String xml = Json.requiredText(body, "xml");
            boolean paused = Json.optionalBoolean(body, "paused", false);
            requireUuidFree(xml);
            DomainInfo d = hv.createTransient(xml);
            if (paused) {
                d = hv.suspend(d.name());
            }
            return Reply.json(CREATED, nameAndUuid(d));
        });
        t.delete("/1.0/domains/{name}", r -> {
            hv.undefine(name(r));
            return Reply.json(Json.object());
        });
        t.put("/1.0/domains/{name}/autostart", r -> {
            boolean on = Json.requiredBoolean(r.json(), "autostart");
            hv.setAutostart(name(r), on);
            return Reply.json(Json.object().put("autostart", on));
        });
    }

    private String name(Request r) {
        return lookup.name(r.param("name"));
    }

    /**
     * docs/api.md: a UUID that another domain (of another name) has is {@code domain-exists}. The
     * hypervisor checks names; this checks UUIDs before anything is written.
     */
    private void requireUuidFree(String xml) {
        Domain d = DomainXml.read(xml, null).definition();
        if (d.uuid() == null) {
            return;
        }
        for (DomainInfo other : hv.list()) {
            if (!other.name().equals(d.name()) && d.uuid().equalsIgnoreCase(other.uuid())) {
                throw new DomainConflictException("UUID " + d.uuid() + " of domain '" + d.name()
                        + "' is already used by domain '" + other.name() + "'; remove <uuid> to get a new one");
            }
        }
    }

    private static ObjectNode nameAndUuid(DomainInfo d) {
        return Json.object().put("name", d.name()).put("uuid", d.uuid());
    }
}
