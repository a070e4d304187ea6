package dev.jvirt.vmmcore.daemon.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.InvalidStateException;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Json;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.RouteTable;
import java.util.Set;

/**
 * Monitor passthrough over the daemon's own QMP connection to a running domain:
 * {@code POST /1.0/domains/NAME/qemu-monitor} (virsh qemu-monitor-command) and the streaming
 * {@code GET /1.0/domains/NAME/qemu-events[?event=NAME]} (virsh qemu-monitor-event).
 */
final class QemuMonitorRoutes {
    private final Hypervisor hv;
    private final DomainLookup lookup;

    QemuMonitorRoutes(Hypervisor hv, DomainLookup lookup) {
        this.hv = hv;
        this.lookup = lookup;
    }

    void register(RouteTable t) {
        t.post("/1.0/domains/{name}/qemu-monitor", r -> {
            String name = lookup.name(r.param("name"));
            hv.state(name); // no-such-domain before the body is looked at
            ObjectNode body = r.json();
            JsonNode command = body.path("command");
            if (!command.isTextual() || command.asText().isBlank()) {
                throw ApiException.badRequest("the body needs \"command\": the QMP command as JSON text, "
                        + "or an HMP command line with \"hmp\": true");
            }
            ObjectNode answer = Json.object();
            if (body.path("hmp").asBoolean(false)) {
                answer.put("return", hv.qemuMonitorHmp(name, command.asText()));
            } else {
                try {
                    answer.set("return", hv.qemuMonitorCommand(name, command.asText()));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest(e.getMessage());
                }
            }
            return Reply.json(answer);
        });
        t.get("/1.0/domains/{name}/qemu-events", r -> {
            String name = lookup.name(r.param("name"));
            String only = r.query("event", null);
            // Errors before the stream starts, while they can still be an HTTP status.
            DomainStatus st = hv.state(name);
            if (st.state() != DomainState.RUNNING && st.state() != DomainState.PAUSED) {
                throw new InvalidStateException(name, "watch the monitor events of", st,
                        Set.of(DomainState.RUNNING, DomainState.PAUSED));
            }
            return new Reply.Stream(sink -> hv.subscribeQemuEvents(name, event -> {
                if (only == null || only.isEmpty() || only.equalsIgnoreCase(event.path("event").asText())) {
                    sink.send(event);
                }
            }, () -> { }));
        });
    }
}
