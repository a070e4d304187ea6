package dev.jvirt.vmmcore.daemon.routes;

import static io.netty.handler.codec.http.HttpResponseStatus.CREATED;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.api.Domains;
import dev.jvirt.vmmcore.DefineResult;
import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.daemon.http.ApiException;
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
            String xml = r.definitionXml();
            DefineResult d = hv.define(xml, r.queryFlag("no_replace")
                    || !r.xmlBody() && Json.optionalBoolean(r.json(), "no_replace", false));
            return Reply.json(CREATED, ref(d.domain(), d.replaced()));
        });
        t.post("/1.0/domains/create", r -> {
            ObjectNode body = r.json();
            String xml = Json.requiredText(body, "xml");
            boolean paused = Json.optionalBoolean(body, "paused", false);
            return Reply.json(CREATED, ref(hv.createTransient(xml, paused), false));
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
        t.put("/1.0/domains/{name}/tpm-state", r -> {
            dev.jvirt.api.Requests.TpmState state = dev.jvirt.api.Requests.TpmState.from(
                    dev.jvirt.api.json.JsonObject.parse(r.body()));
            java.util.Map<String, byte[]> files = new java.util.TreeMap<>();
            for (java.util.Map.Entry<String, String> f : state.files().entrySet()) {
                try {
                    files.put(f.getKey(), java.util.Base64.getDecoder().decode(f.getValue()));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("TPM state file '" + f.getKey() + "' is not base64: " + e.getMessage());
                }
            }
            hv.replaceTpmState(r.param("name"), files);
            return Reply.json(Json.object());
        });
    }

    private static ObjectNode ref(DomainInfo d, boolean replaced) {
        return DomainJson.node(new Domains.Ref(d.name(), d.uuid(), replaced, d.status().isActive()));
    }
}
