package dev.jvirt.vmmcore.daemon.routes;

import static io.netty.handler.codec.http.HttpResponseStatus.NOT_IMPLEMENTED;

import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Handler;
import dev.jvirt.vmmcore.daemon.http.RouteTable;

/**
 * Endpoints of docs/api.md that this version cannot serve yet: they check the domain (so a wrong
 * name still says no-such-domain), then answer {@code not-supported} (501) saying what is missing.
 */
final class UnsupportedRoutes {
    private final Hypervisor hv;
    private final DomainLookup lookup;

    UnsupportedRoutes(Hypervisor hv, DomainLookup lookup) {
        this.hv = hv;
        this.lookup = lookup;
    }

    void register(RouteTable t) {
        t.post("/1.0/domains/{name}/qemu-monitor", missing("QMP passthrough (qemu-monitor-command)",
                "the hypervisor does not expose a domain's QMP connection yet"));
        t.get("/1.0/domains/{name}/qemu-events", missing("the QMP event stream (qemu-monitor-event)",
                "the hypervisor does not expose a domain's QMP events yet"));
    }

    private Handler missing(String what, String why) {
        return r -> {
            hv.info(lookup.name(r.param("name")));
            throw new ApiException(NOT_IMPLEMENTED, "not-supported", what + " is not supported by this jvirtd: " + why,
                    null, null);
        };
    }
}
