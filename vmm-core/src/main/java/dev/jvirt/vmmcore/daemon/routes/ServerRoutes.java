package dev.jvirt.vmmcore.daemon.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.vmmcore.daemon.http.Json;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.RouteTable;

/** {@code GET /1.0}: what this daemon is. */
final class ServerRoutes {
    private final String uri;

    ServerRoutes(String uri) {
        this.uri = uri;
    }

    void register(RouteTable t) {
        t.get("/1.0", r -> {
            ObjectNode o = Json.object();
            o.put("api_version", "1.0");
            String v = ServerRoutes.class.getPackage().getImplementationVersion();
            o.put("version", v == null ? "0.1.0-SNAPSHOT" : v);
            o.put("uri", uri);
            o.put("hostname", hostname());
            o.put("pid", ProcessHandle.current().pid());
            return Reply.json(o);
        });
    }

    private static String hostname() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
