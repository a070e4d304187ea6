package dev.jvirt.vmmcore.daemon.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.QemuEvent;
import dev.jvirt.vmmcore.QemuEventSource;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Json;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.RouteTable;

/**
 * Monitor passthrough over the daemon's own QMP connection to a running domain:
 * {@code POST /1.0/domains/NAME/qemu-monitor} (virsh qemu-monitor-command) and the streaming
 * {@code GET /1.0/domains/NAME/qemu-events[?event=NAME]} (virsh qemu-monitor-event).
 */
final class QemuMonitorRoutes {
    private final Hypervisor hv;

    QemuMonitorRoutes(Hypervisor hv) {
        this.hv = hv;
    }

    void register(RouteTable t) {
        t.post("/1.0/domains/{name}/qemu-monitor", r -> {
            String name = hv.resolve(r.param("name"));
            hv.state(name); // no-such-domain before the body is looked at
            ObjectNode body = r.json();
            JsonNode command = body.path("command");
            if (!command.isTextual() || command.asText().isBlank()) {
                throw ApiException.badRequest("the body needs \"command\": the QMP command as JSON text, "
                        + "or an HMP command line with \"hmp\": true");
            }
            ObjectNode answer = Json.object();
            if (body.path("hmp").asBoolean(false)) {
                answer.put("return", hv.monitoring().qemuMonitorHmp(name, command.asText()));
            } else {
                answer.set("return", tree(hv.monitoring().qemuMonitorCommand(name, command.asText())));
            }
            return Reply.json(answer);
        });
        t.get("/1.0/domains/{name}/qemu-events", r -> {
            String only = r.query("event", null);
            QemuEventSource events = hv.monitoring().qemuEvents(r.param("name")); // errors before the stream, while they can be a status
            return new Reply.Stream(sink -> events.subscribe(event -> {
                if (only == null || only.isEmpty() || only.equalsIgnoreCase(event.name())) {
                    sink.send(json(event));
                }
            }, () -> { }));
        });
    }

    /** A QMP event line: {@code event}, {@code data} (when QEMU sent any), {@code timestamp} as QEMU writes it. */
    private static ObjectNode json(QemuEvent e) {
        ObjectNode o = Json.object();
        o.put("event", e.name());
        if (e.dataJson() != null) {
            o.set("data", tree(e.dataJson()));
        }
        long micros = e.timestamp().getEpochSecond() * 1_000_000L + e.timestamp().getNano() / 1000;
        ObjectNode ts = o.putObject("timestamp");
        ts.put("seconds", micros / 1_000_000L);
        ts.put("microseconds", micros % 1_000_000L);
        return o;
    }

    /** JSON text the Hypervisor wrote from QEMU's answer, as a tree to embed in a reply. */
    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the Hypervisor gave JSON that does not parse: " + json, e);
        }
    }
}
