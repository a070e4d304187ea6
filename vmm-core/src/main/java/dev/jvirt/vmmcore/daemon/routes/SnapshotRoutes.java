package dev.jvirt.vmmcore.daemon.routes;

import dev.jvirt.api.Snapshots;
import dev.jvirt.api.json.JsonObject;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.SnapshotInfo;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.Request;
import dev.jvirt.vmmcore.daemon.http.RouteTable;
import java.util.Map;

/** Domain snapshots (snapshot-create-as, snapshot-create, snapshot-list, -info, -dumpxml, -revert, -delete, -current, -edit). */
final class SnapshotRoutes {
    private final Hypervisor hv;

    SnapshotRoutes(Hypervisor hv) {
        this.hv = hv;
    }

    void register(RouteTable t) {
        t.get("/1.0/domains/{name}/snapshots", r -> Reply.json(hv.snapshots().list(r.param("name")).stream()
                .map(SnapshotRoutes::json).toList()));
        t.post("/1.0/domains/{name}/snapshots", r -> {
            Snapshots.Create c = Snapshots.Create.from(body(r));
            SnapshotInfo s = c.xml() != null
                    ? hv.snapshots().create(r.param("name"), c.xml(), c.diskOnly(), c.noMetadata())
                    : hv.snapshots().createAs(r.param("name"), c.name(), c.description(), c.diskOnly(), c.noMetadata(), c.disks());
            return Reply.json(json(s));
        });
        t.get("/1.0/domains/{name}/snapshot-current", r ->
                Reply.json(new Snapshots.Current(hv.snapshots().current(r.param("name")).orElse(null)).toJson()));
        t.get("/1.0/domains/{name}/snapshots/{snapshot}", r -> Reply.json(json(hv.snapshots().info(r.param("name"), r.param("snapshot")))));
        t.get("/1.0/domains/{name}/snapshots/{snapshot}/xml", r -> Reply.xml(hv.snapshots().xml(r.param("name"), r.param("snapshot"))));
        t.put("/1.0/domains/{name}/snapshots/{snapshot}/xml", r -> {
            String xml = body(r).string("xml");
            if (xml == null) {
                throw ApiException.badRequest("\"xml\" is required: the snapshot's edited <domainsnapshot>");
            }
            return Reply.json(json(hv.snapshots().edit(r.param("name"), r.param("snapshot"), xml)));
        });
        t.post("/1.0/domains/{name}/snapshots/{snapshot}/revert", r -> {
            hv.snapshots().revert(r.param("name"), r.param("snapshot"), Snapshots.Revert.from(body(r)).running());
            return Reply.json(DomainJson.state(hv.state(r.param("name"))));
        });
        t.delete("/1.0/domains/{name}/snapshots/{snapshot}", r -> {
            hv.snapshots().delete(r.param("name"), r.param("snapshot"), r.queryFlag("children"), r.queryFlag("children_only"),
                    r.queryFlag("metadata"));
            return Reply.json(Map.of());
        });
    }

    private static Map<String, Object> json(SnapshotInfo s) {
        return new Snapshots.Info(s.name(), s.description(), s.state(), s.creationTime(), s.parent(), s.current(), s.location(),
                s.children(), s.descendants()).toJson();
    }

    private static JsonObject body(Request r) {
        return r.body().length == 0 ? new JsonObject(Map.of()) : JsonObject.parse(r.body());
    }
}
