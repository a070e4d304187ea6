package dev.jvirt.virshcompat.client;

import dev.jvirt.api.Networks;
import dev.jvirt.api.Requests;
import dev.jvirt.api.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** jvirtd's network endpoints (docs/api.md, "Networks"); names may be names or UUIDs, the daemon resolves them. */
public final class NetworkApi {
    private final ApiTransport http;

    NetworkApi(ApiTransport http) {
        this.http = http;
    }

    public static String path(String network) {
        return "/1.0/networks/" + ApiClient.encode(network);
    }

    public List<Networks.Summary> list() {
        List<Networks.Summary> out = new ArrayList<>();
        for (Object o : JsonObject.list(http.get("/1.0/networks"))) {
            out.add(Networks.Summary.from(JsonObject.of(o)));
        }
        return out;
    }

    public Networks.Summary info(String network) {
        return Networks.Summary.from(http.getObject(path(network)));
    }

    public Networks.Summary define(String xml) {
        return Networks.Summary.from(http.send("POST", "/1.0/networks", new Networks.Define(xml).toJson()));
    }

    public Networks.Summary create(String xml) {
        return Networks.Summary.from(http.send("POST", "/1.0/networks/create", new Networks.Define(xml).toJson()));
    }

    public Networks.Summary start(String network) {
        return Networks.Summary.from(http.send("POST", path(network) + "/start", null));
    }

    public Networks.Summary destroy(String network, boolean force) {
        return Networks.Summary.from(http.send("POST", path(network) + "/destroy", new Networks.Destroy(force).toJson()));
    }

    /** net-update; answers the network as it is afterwards. */
    public Networks.Summary update(String network, Networks.Update update) {
        return Networks.Summary.from(http.send("POST", path(network) + "/update", update.toJson()));
    }

    public void undefine(String network) {
        http.send("DELETE", path(network), null);
    }

    public void autostart(String network, boolean enabled) {
        http.send("PUT", path(network) + "/autostart", new Requests.Autostart(enabled).toJson());
    }

    public String xml(String network, boolean inactive) {
        return http.getText(path(network) + "/xml" + (inactive ? "?inactive=true" : ""));
    }

    public List<Networks.Lease> leases(String network, String mac) {
        List<Networks.Lease> out = new ArrayList<>();
        for (Object o : JsonObject.list(http.get(path(network) + "/leases" + (mac == null ? "" : "?mac=" + ApiClient.encode(mac))))) {
            out.add(Networks.Lease.from(JsonObject.of(o)));
        }
        return out;
    }

    /** Detaches a NIC; false when the guest has not let go of it yet. */
    public boolean detach(String domain, Networks.Detach nic) {
        return dev.jvirt.api.Devices.Result.from(http.send("POST", ApiClient.domainPath(domain) + "/interfaces/detach",
                nic.toJson())).done();
    }

    /** Adds a NIC to a domain (live, config or current); answers it as domiflist lists it. */
    public dev.jvirt.api.Domains.Interface attach(String domain, Networks.Attach nic) {
        return dev.jvirt.api.Domains.Interface.from(http.send("POST", ApiClient.domainPath(domain) + "/interfaces", nic.toJson()));
    }

    public List<Networks.InterfaceAddresses> interfaceAddresses(String domain, String source) {
        List<Networks.InterfaceAddresses> out = new ArrayList<>();
        for (Object o : JsonObject.list(http.get(ApiClient.domainPath(domain) + "/interface-addresses?source="
                + ApiClient.encode(source)))) {
            out.add(Networks.InterfaceAddresses.from(JsonObject.of(o)));
        }
        return out;
    }
}
