package dev.jvirt.vmmcore.daemon.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.vmmcore.DomainEvent;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.daemon.http.Json;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.RouteTable;
import java.util.Locale;

/** {@code GET /1.0/events[?domain=NAME]}: lifecycle events as newline-delimited JSON, until the client leaves. */
final class EventRoutes {
    private final Hypervisor hv;

    EventRoutes(Hypervisor hv) {
        this.hv = hv;
    }

    void register(RouteTable t) {
        t.get("/1.0/events", r -> {
            String ref = r.query("domain", null);
            String only = ref == null || ref.isEmpty() ? null : hv.resolve(ref); // no-such-domain before streaming
            return new Reply.Stream(sink -> hv.subscribe(e -> {
                if (only == null || only.equals(e.domain())) {
                    sink.send(json(e));
                }
            }));
        });
    }

    static ObjectNode json(DomainEvent e) {
        ObjectNode o = Json.object();
        o.put("domain", e.domain());
        o.put("event", e.kind().name().toLowerCase(Locale.ROOT));
        o.put("detail", e.reason().label());
        o.put("timestamp", e.at().toString());
        return o;
    }
}
