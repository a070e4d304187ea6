package dev.jvirt.vmmcore.daemon.routes;

import dev.jvirt.api.Devices;
import dev.jvirt.api.json.JsonObject;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.Request;
import dev.jvirt.vmmcore.daemon.http.RouteTable;
import java.util.Map;

/** Hotplug and unplug of disks (attach-disk, detach-disk, attach-device, detach-device). */
final class DomainDeviceRoutes {
    private final Hypervisor hv;

    DomainDeviceRoutes(Hypervisor hv) {
        this.hv = hv;
    }

    void register(RouteTable t) {
        t.post("/1.0/domains/{name}/devices", r -> {
            Devices.Change c = change(r);
            if (c.xml() == null) {
                throw ApiException.badRequest("an attach needs \"xml\": the device's XML");
            }
            String name = hv.resolve(r.param("name"));
            boolean[] lc = liveConfig(name, c);
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
            boolean[] lc = liveConfig(name, c);
            return Reply.json(new Devices.Result(hv.devices().detachDisk(name, what, lc[0], lc[1])).toJson());
        });
    }

    /** virsh's --current when neither is given: the guest while it is active, else the stored definition. */
    private boolean[] liveConfig(String name, Devices.Change c) {
        if (c.live() == null && c.config() == null) {
            boolean active = hv.state(name).isActive();
            return new boolean[] {active, !active};
        }
        return new boolean[] {Boolean.TRUE.equals(c.live()), Boolean.TRUE.equals(c.config())};
    }

    private static Devices.Change change(Request r) {
        r.json();
        return Devices.Change.from(r.body().length == 0 ? new JsonObject(Map.of()) : JsonObject.parse(r.body()));
    }
}
