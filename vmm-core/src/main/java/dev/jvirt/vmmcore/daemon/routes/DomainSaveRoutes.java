package dev.jvirt.vmmcore.daemon.routes;

import dev.jvirt.api.Saves;
import dev.jvirt.api.json.JsonObject;
import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.DomainJob;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.Request;
import dev.jvirt.vmmcore.daemon.http.RouteTable;
import java.nio.file.Path;
import java.util.Map;

/** Save, restore, managed saves and domain jobs (save, restore, managedsave, save-image-dumpxml, domjobinfo). */
final class DomainSaveRoutes {
    private final Hypervisor hv;

    DomainSaveRoutes(Hypervisor hv) {
        this.hv = hv;
    }

    void register(RouteTable t) {
        t.post("/1.0/domains/{name}/save", r -> {
            Saves.Save s = Saves.Save.from(body(r));
            hv.saves().save(r.param("name"), file(s.file()), s.xml(), s.running());
            return Reply.json(Map.of());
        });
        t.post("/1.0/restore", r -> {
            Saves.Restore s = Saves.Restore.from(body(r));
            DomainInfo d = hv.saves().restore(file(s.file()), s.xml(), s.paused());
            return Reply.json(DomainJson.state(d.status()).put("name", d.name()));
        });
        t.get("/1.0/save-image/xml", r -> Reply.xml(hv.saves().imageXml(file(r.query("file", null)))));
        t.get("/1.0/domains/{name}/managed-save", r ->
                Reply.json(new Saves.ManagedSave(hv.saves().hasManagedSave(r.param("name"))).toJson()));
        t.post("/1.0/domains/{name}/managed-save", r -> {
            Saves.Save s = Saves.Save.from(body(r));
            hv.saves().managedSave(r.param("name"), s.running());
            return Reply.json(Map.of());
        });
        t.delete("/1.0/domains/{name}/managed-save", r ->
                Reply.json(new Saves.ManagedSave(hv.saves().removeManagedSave(r.param("name"))).toJson()));
        t.get("/1.0/domains/{name}/job", r -> Reply.json(job(hv.saves().job(r.param("name"), r.queryFlag("completed")))));
        t.post("/1.0/domains/{name}/job/abort", r -> {
            hv.saves().abortJob(r.param("name"));
            return Reply.json(Map.of());
        });
    }

    private static Map<String, Object> job(DomainJob j) {
        return new Saves.Job(j.type(), j.operation(), j.elapsedMillis(), j.dataTotal(), j.dataProcessed(), j.dataRemaining(),
                j.memoryBps(), j.error()).toJson();
    }

    private static Path file(String file) {
        if (file == null || file.isEmpty()) {
            throw ApiException.badRequest("\"file\" is required: an absolute path on jvirtd's host");
        }
        return Path.of(file);
    }

    private static JsonObject body(Request r) {
        return r.body().length == 0 ? new JsonObject(Map.of()) : JsonObject.parse(r.body());
    }
}
