package dev.jvirt.vmmcore.daemon.routes;

import static io.netty.handler.codec.http.HttpResponseStatus.CREATED;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.daemon.http.Json;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.RouteTable;

/** Definitions: define, create (transient), undefine, autostart. */
final class DomainDefinitionRoutes {
    private final Hypervisor hv;

    DomainDefinitionRoutes(Hypervisor hv) {
        this.hv = hv;
    }

    void register(RouteTable t) {
        t.post("/1.0/domains", r -> {
            String xml = Json.requiredText(r.json(), "xml");
            return Reply.json(CREATED, nameAndUuid(hv.define(xml)));
        });
        t.post("/1.0/domains/create", r -> {
            ObjectNode body = r.json();
            String xml = Json.requiredText(body, "xml");
            boolean paused = Json.optionalBoolean(body, "paused", false);
            return Reply.json(CREATED, nameAndUuid(hv.createTransient(xml, paused)));
        });
        t.delete("/1.0/domains/{name}", r -> {
            hv.undefine(r.param("name"));
            return Reply.json(Json.object());
        });
        t.put("/1.0/domains/{name}/autostart", r -> {
            boolean on = Json.requiredBoolean(r.json(), "autostart");
            hv.setAutostart(r.param("name"), on);
            return Reply.json(Json.object().put("autostart", on));
        });
    }

    private static ObjectNode nameAndUuid(DomainInfo d) {
        return Json.object().put("name", d.name()).put("uuid", d.uuid());
    }
}
