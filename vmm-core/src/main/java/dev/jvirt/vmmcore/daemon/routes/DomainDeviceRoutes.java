package dev.jvirt.vmmcore.daemon.routes;

import dev.jvirt.api.Devices;
import dev.jvirt.api.Domains;
import dev.jvirt.api.Networks;
import dev.jvirt.api.json.JsonObject;
import dev.jvirt.domainxml.domain.NetInterface;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.Request;
import dev.jvirt.vmmcore.daemon.http.RouteTable;
import java.util.Map;

/** Hotplug and unplug of disks (attach-disk, detach-disk, attach-device, detach-device) and NICs (attach-interface, detach-interface). */
final class DomainDeviceRoutes {
    private final Hypervisor hv;

    DomainDeviceRoutes(Hypervisor hv) {
        this.hv = hv;
    }

    void register(RouteTable t) {
        interfaces(t);
        t.post("/1.0/domains/{name}/devices", r -> {
            Devices.Change c = change(r);
            if (c.xml() == null) {
                throw ApiException.badRequest("an attach needs \"xml\": the device's XML");
            }
            String name = hv.resolve(r.param("name"));
            boolean[] lc = liveConfig(name, c.live(), c.config());
            hv.devices().attachDisk(name, c.xml(), lc[0], lc[1]);
            return Reply.json(new Devices.Result(true).toJson());
        });
        t.post("/1.0/domains/{name}/devices/detach", r -> {
            Devices.Change c = change(r);
            String what = c.xml() != null ? c.xml() : c.target();
            if (what == null) {
                throw ApiException.badRequest("a detach needs \"xml\" or \"target\"");
            }
            String name = hv.resolve(r.param("name"));
            boolean[] lc = liveConfig(name, c.live(), c.config());
            return Reply.json(new Devices.Result(hv.devices().detachDisk(name, what, lc[0], lc[1])).toJson());
        });
    }

    /** attach-interface and detach-interface: {@code type} network or bridge, by MAC. */
    private void interfaces(RouteTable t) {
        t.post("/1.0/domains/{name}/interfaces", r -> {
            Networks.Attach a = Networks.Attach.from(body(r));
            if (a.type() == null || a.source() == null) {
                throw ApiException.badRequest("attach needs \"type\" (network or bridge) and \"source\"");
            }
            String name = hv.resolve(r.param("name"));
            boolean[] lc = liveConfig(name, a.live(), a.config());
            boolean network = "network".equals(a.type());
            NetInterface nic = new NetInterface(a.type(), a.mac(), network ? a.source() : null, network ? null : a.source(),
                    null, null, null, a.model() == null ? "virtio" : a.model(), null, null, null, null, null, null, null,
                    null);
            NetInterface n = hv.devices().attachInterface(name, nic, lc[0], lc[1]);
            return Reply.json(DomainJson.node(new Domains.Interface(n.targetDev(), n.type(),
                    n.sourceNetwork() != null ? n.sourceNetwork() : n.sourceBridge(), n.model(), n.mac())));
        });
        t.post("/1.0/domains/{name}/interfaces/detach", r -> {
            Networks.Detach d = Networks.Detach.from(body(r));
            if (d.type() == null) {
                throw ApiException.badRequest("detach needs \"type\" (network or bridge)");
            }
            String name = hv.resolve(r.param("name"));
            boolean[] lc = liveConfig(name, d.live(), d.config());
            return Reply.json(new Devices.Result(hv.devices().detachInterface(name, d.type(), d.mac(), lc[0], lc[1])).toJson());
        });
    }

    /** virsh's --current when neither is given: the guest while it is active, else the stored definition. */
    private boolean[] liveConfig(String name, Boolean live, Boolean config) {
        if (live == null && config == null) {
            boolean active = hv.state(name).isActive();
            return new boolean[] {active, !active};
        }
        return new boolean[] {Boolean.TRUE.equals(live), Boolean.TRUE.equals(config)};
    }

    private static Devices.Change change(Request r) {
        return Devices.Change.from(body(r));
    }

    private static JsonObject body(Request r) {
        r.json();
        return r.body().length == 0 ? new JsonObject(Map.of()) : JsonObject.parse(r.body());
    }
}
