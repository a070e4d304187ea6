package dev.jvirt.vmmcore.daemon.routes;

import dev.jvirt.api.Guests;
import dev.jvirt.api.json.JsonObject;
import dev.jvirt.vmmcore.GuestExecResult;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.NestedLxdStatus;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Json;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.RouteTable;
import java.time.Duration;
import java.util.Base64;

/**
 * Inside a running guest through its QEMU guest agent: {@code POST /1.0/domains/NAME/guest-exec}
 * (jvirsh guest-exec, jvirsh lxc) and {@code GET /1.0/domains/NAME/nested-status} (jvirsh nested-status).
 */
final class GuestAgentRoutes {
    /** The longest a request may wait for a command in the guest. */
    static final long MAX_EXEC_SECONDS = 3600;
    private static final long DEFAULT_EXEC_SECONDS = 60;
    private final Hypervisor hv;

    GuestAgentRoutes(Hypervisor hv) {
        this.hv = hv;
    }

    void register(RouteTable t) {
        t.post("/1.0/domains/{name}/guest-exec", r -> {
            String name = hv.resolve(r.param("name"));
            Guests.ExecRequest req;
            try {
                req = Guests.ExecRequest.from(JsonObject.of(Json.MAPPER.convertValue(r.json(), java.util.Map.class)));
            } catch (RuntimeException e) {
                throw ApiException.badRequest("the body needs \"argv\": the command and its arguments (" + e.getMessage() + ")");
            }
            if (req.argv().isEmpty() || req.argv().get(0).isBlank()) {
                throw ApiException.badRequest("the body needs \"argv\": the command and its arguments");
            }
            long seconds = req.timeoutSeconds() == null ? DEFAULT_EXEC_SECONDS : req.timeoutSeconds();
            if (seconds <= 0 || seconds > MAX_EXEC_SECONDS) {
                throw ApiException.badRequest("timeout_seconds must be 1 to " + MAX_EXEC_SECONDS);
            }
            byte[] stdin;
            try {
                stdin = req.stdin() == null ? null : Base64.getDecoder().decode(req.stdin());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("stdin is not base64: " + e.getMessage());
            }
            GuestExecResult res = hv.guestAgent().exec(name, req.argv(), stdin, Duration.ofSeconds(seconds));
            Base64.Encoder b64 = Base64.getEncoder();
            return Reply.json(DomainJson.node(new Guests.ExecResult(res.exitCode(), b64.encodeToString(res.stdout()),
                    b64.encodeToString(res.stderr()), res.truncated())));
        });
        t.get("/1.0/domains/{name}/nested-status", r -> {
            NestedLxdStatus s = hv.guestAgent().nestedStatus(r.param("name"));
            return Reply.json(DomainJson.node(new Guests.NestedStatus(s.ready(), s.agent(), s.cloudInit(), s.setup(),
                    s.lxdService(), s.lxdVersion(), s.problems(), s.containers().stream()
                    .map(c -> new Guests.Container(c.name(), c.status(), c.addresses(), c.limits())).toList())));
        });
    }
}
