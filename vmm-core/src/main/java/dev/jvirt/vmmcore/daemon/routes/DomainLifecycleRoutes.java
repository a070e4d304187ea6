package dev.jvirt.vmmcore.daemon.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.OperationTimeoutException;
import dev.jvirt.vmmcore.ShutdownResult;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Json;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.Request;
import dev.jvirt.vmmcore.daemon.http.RouteTable;
import java.time.Duration;

/** Lifecycle operations; each answers the domain's state afterwards. */
final class DomainLifecycleRoutes {
    /** The longest shutdown wait a request may ask for. */
    static final long MAX_SHUTDOWN_SECONDS = 3600;
    private final Hypervisor hv;

    DomainLifecycleRoutes(Hypervisor hv) {
        this.hv = hv;
    }

    void register(RouteTable t) {
        t.post("/1.0/domains/{name}/start", r -> {
            boolean paused = Json.optionalBoolean(r.json(), "paused", false);
            return Reply.json(DomainJson.state(hv.start(name(r), paused).status()));
        });
        t.post("/1.0/domains/{name}/shutdown", this::shutdown);
        t.post("/1.0/domains/{name}/destroy", this::destroy);
        t.post("/1.0/domains/{name}/reboot", r -> {
            String name = name(r);
            hv.reboot(name);
            return state(name);
        });
        t.post("/1.0/domains/{name}/reset", r -> {
            String name = name(r);
            hv.reset(name);
            return state(name);
        });
        t.post("/1.0/domains/{name}/suspend", r -> Reply.json(DomainJson.state(hv.suspend(name(r)).status())));
        t.post("/1.0/domains/{name}/resume", r -> Reply.json(DomainJson.state(hv.resume(name(r)).status())));
    }

    private Reply destroy(Request r) {
        boolean graceful = Json.optionalBoolean(r.json(), "graceful", false);
        return Reply.json(DomainJson.state(hv.destroy(name(r), graceful).status()));
    }

    private Reply shutdown(Request r) {
        String name = name(r);
        ObjectNode body = r.json();
        Long seconds = Json.optionalCount(body, "timeout_seconds");
        if (seconds != null && seconds > MAX_SHUTDOWN_SECONDS) {
            throw ApiException.badRequest("timeout_seconds may be at most " + MAX_SHUTDOWN_SECONDS);
        }
        String mode = body.path("mode").asText("acpi");
        if (!mode.equals("acpi") && !mode.equals("agent")) {
            throw ApiException.badRequest("mode must be acpi or agent, not '" + mode + "'");
        }
        ShutdownResult res = hv.shutdown(name, seconds == null ? Duration.ZERO : Duration.ofSeconds(seconds), mode.equals("agent"));
        if (seconds != null && seconds > 0 && !res.shutOff()) {
            throw new OperationTimeoutException(name, res.message());
        }
        return Reply.json(DomainJson.state(res.status()));
    }

    private Reply state(String name) {
        return Reply.json(DomainJson.state(hv.state(name)));
    }

    /** The domain's name, resolved once for a route that calls the facade more than once. */
    private String name(Request r) {
        return hv.resolve(r.param("name"));
    }
}
