package dev.jvirt.virshcompat.client;

import dev.jvirt.api.Saves;

/** jvirtd's save, restore, managed-save and job endpoints (docs/api.md, "Save, restore and jobs"). */
public final class SaveApi {
    private final ApiTransport http;

    SaveApi(ApiTransport http) {
        this.http = http;
    }

    /** Saves the domain to {@code file} (absolute) and stops it. */
    public void save(String domain, String file, String xml, Boolean running) {
        http.send("POST", ApiClient.domainPath(domain) + "/save", new Saves.Save(file, xml, running).toJson());
    }

    /** Starts the domain in save image {@code file}; answers its name. */
    public String restore(String file, String xml, Boolean paused) {
        return http.send("POST", "/1.0/restore", new Saves.Restore(file, xml, paused).toJson()).string("name");
    }

    public String imageXml(String file) {
        return http.getText("/1.0/save-image/xml?file=" + ApiClient.encode(file));
    }

    public void managedSave(String domain, Boolean running) {
        http.send("POST", ApiClient.domainPath(domain) + "/managed-save", new Saves.Save(null, null, running).toJson());
    }

    /** Removes the managed save; false when there was none. */
    public boolean removeManagedSave(String domain) {
        return Saves.ManagedSave.from(http.send("DELETE", ApiClient.domainPath(domain) + "/managed-save", null)).exists();
    }

    public boolean hasManagedSave(String domain) {
        return Saves.ManagedSave.from(http.getObject(ApiClient.domainPath(domain) + "/managed-save")).exists();
    }

    public Saves.Job job(String domain, boolean completed) {
        return Saves.Job.from(http.getObject(ApiClient.domainPath(domain) + "/job" + (completed ? "?completed=true" : "")));
    }

    public void abortJob(String domain) {
        http.send("POST", ApiClient.domainPath(domain) + "/job/abort", null);
    }
}
