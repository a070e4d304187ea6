package dev.jvirt.virshcompat.client;

import dev.jvirt.api.Snapshots;
import java.util.List;
import java.util.Map;

/** jvirtd's snapshot endpoints (docs/api.md, "Snapshots"). */
public final class SnapshotApi {
    private final ApiTransport http;

    SnapshotApi(ApiTransport http) {
        this.http = http;
    }

    private static String path(String domain) {
        return ApiClient.domainPath(domain) + "/snapshots";
    }

    private static String path(String domain, String snapshot) {
        return path(domain) + "/" + ApiClient.encode(snapshot);
    }

    public Snapshots.Info create(String domain, Snapshots.Create request) {
        return Snapshots.Info.from(http.send("POST", path(domain), request.toJson()));
    }

    public List<Snapshots.Info> list(String domain) {
        return Snapshots.Info.list(http.get(path(domain)));
    }

    public Snapshots.Info info(String domain, String snapshot) {
        return Snapshots.Info.from(http.getObject(path(domain, snapshot)));
    }

    public String xml(String domain, String snapshot) {
        return http.getText(path(domain, snapshot) + "/xml");
    }

    public Snapshots.Info edit(String domain, String snapshot, String xml) {
        return Snapshots.Info.from(http.send("PUT", path(domain, snapshot) + "/xml", Map.of("xml", xml)));
    }

    /** The current snapshot's name, or null. */
    public String current(String domain) {
        return Snapshots.Current.from(http.getObject(ApiClient.domainPath(domain) + "/snapshot-current")).name();
    }

    public void revert(String domain, String snapshot, Boolean running) {
        http.send("POST", path(domain, snapshot) + "/revert", new Snapshots.Revert(running).toJson());
    }

    public void delete(String domain, String snapshot, boolean children, boolean childrenOnly, boolean metadata) {
        StringBuilder q = new StringBuilder();
        if (children) {
            q.append("&children=true");
        }
        if (childrenOnly) {
            q.append("&children_only=true");
        }
        if (metadata) {
            q.append("&metadata=true");
        }
        http.send("DELETE", path(domain, snapshot) + (q.length() == 0 ? "" : "?" + q.substring(1)), null);
    }
}
