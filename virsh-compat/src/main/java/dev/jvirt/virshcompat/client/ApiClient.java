package dev.jvirt.virshcompat.client;

import dev.jvirt.virshcompat.client.Records.BlockDevice;
import dev.jvirt.virshcompat.client.Records.DomainInfo;
import dev.jvirt.virshcompat.client.Records.DomainSummary;
import dev.jvirt.virshcompat.client.Records.NetInterface;
import dev.jvirt.virshcompat.client.Records.NodeInfo;
import dev.jvirt.virshcompat.client.Records.ServerInfo;
import dev.jvirt.virshcompat.client.Records.StateReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** jvirtd's API (docs/api.md) as Java calls; every failure arrives as an {@link ApiException}. */
public final class ApiClient {

    private final ApiTransport http;

    public ApiClient(ApiTransport http) {
        this.http = http;
    }

    public ConnectUri uri() {
        return http.uri();
    }

    public ServerInfo server() {
        return ServerInfo.of(http.getObject("/1.0"));
    }

    public List<DomainSummary> domains() {
        List<DomainSummary> out = new ArrayList<>();
        for (Object o : JsonObject.list(http.get("/1.0/domains"))) { // a loop, not a lambda: start-up path
            out.add(DomainSummary.of(JsonObject.of(o)));
        }
        return out;
    }

    public DomainInfo domain(String name) {
        return DomainInfo.of(http.getObject(domainPath(name)));
    }

    public StateReason state(String name) {
        return StateReason.of(http.getObject(domainPath(name) + "/state"));
    }

    /** Defines (or redefines) a domain; answers its name. */
    public String define(String xml) {
        return http.send("POST", "/1.0/domains", Json.object("xml", xml)).string("name");
    }

    /** Creates and starts a transient domain; answers its name. */
    public String create(String xml, boolean paused) {
        return http.send("POST", "/1.0/domains/create", Json.object("xml", xml, "paused", paused)).string("name");
    }

    public void undefine(String name) {
        http.send("DELETE", domainPath(name), null);
    }

    public String xml(String name, boolean inactive) {
        return http.getText(domainPath(name) + "/xml" + (inactive ? "?inactive=true" : ""));
    }

    public StateReason start(String name, boolean paused) {
        return lifecycle(name, "start", Json.object("paused", paused));
    }

    public StateReason shutdown(String name, Integer timeoutSeconds) {
        return lifecycle(name, "shutdown", timeoutSeconds == null ? Json.object() : Json.object("timeout_seconds", timeoutSeconds));
    }

    public StateReason destroy(String name, boolean graceful) {
        return lifecycle(name, "destroy", Json.object("graceful", graceful));
    }

    /** reboot, reset, suspend or resume: the operations without parameters. */
    public StateReason lifecycle(String name, String operation) {
        return lifecycle(name, operation, Json.object());
    }

    private StateReason lifecycle(String name, String operation, Map<String, Object> body) {
        return StateReason.of(http.send("POST", domainPath(name) + "/" + operation, body));
    }

    public void autostart(String name, boolean enabled) {
        http.send("PUT", domainPath(name) + "/autostart", Json.object("autostart", enabled));
    }

    public List<BlockDevice> blockDevices(String name) {
        return listOf(http.get(domainPath(name) + "/blockdevices"), BlockDevice::of);
    }

    public List<NetInterface> interfaces(String name) {
        return listOf(http.get(domainPath(name) + "/interfaces"), NetInterface::of);
    }

    /** QMP (or HMP) passthrough; answers the daemon's object, {@code {"return": ...}}. */
    public JsonObject qemuMonitor(String name, String command, boolean hmp) {
        return http.send("POST", domainPath(name) + "/qemu-monitor", Json.object("command", command, "hmp", hmp));
    }

    public List<String> domxmlToNative(String format, String xml) {
        JsonObject o = http.send("POST", "/1.0/domxml-to-native", Json.object("xml", xml, "format", format));
        List<String> argv = new ArrayList<>();
        for (Object a : JsonObject.list(o.raw("argv"))) {
            argv.add(String.valueOf(a));
        }
        return argv;
    }

    /** Host or domain capabilities in libvirt's XML ({@code kind} is capabilities or domcapabilities). */
    public String hostXml(String kind) {
        return http.getText("/1.0/host/" + kind + "?format=xml");
    }

    public NodeInfo nodeInfo() {
        return NodeInfo.of(http.getObject("/1.0/host/nodeinfo"));
    }

    /** Opens a stream of newline-delimited JSON: {@code /1.0/events} or a domain's qemu-events. */
    public HttpResponse openStream(String path) {
        return http.open("GET", path, Map.of(), null);
    }

    /**
     * Asks for the console stream of a domain, with up to {@code history} bytes of its recent
     * output first (from a line start; 0 for none); the answer is 101 and then frames both ways.
     */
    public HttpResponse openConsole(String name, String mode, int history) {
        return http.open("GET", domainPath(name) + "/console?mode=" + mode + (history > 0 ? "&history=" + history : ""),
                Map.of("Connection", "Upgrade", "Upgrade", "jvirt-console"), null);
    }

    /**
     * The domain's stored console log, all rotated files oldest first, as the body of the answer;
     * with {@code follow}, a 101 answer whose stream goes on with new output until it is closed.
     */
    public HttpResponse consoleLog(String name, boolean follow) {
        if (follow) {
            return http.open("GET", domainPath(name) + "/console/log?follow=1",
                    Map.of("Connection", "Upgrade", "Upgrade", "jvirt-console-log"), null);
        }
        return http.open("GET", domainPath(name) + "/console/log", Map.of("Connection", "close"), null);
    }

    public static String domainPath(String name) {
        return "/1.0/domains/" + encode(name);
    }

    /** Percent-encodes a path segment or query value. */
    public static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static <T> List<T> listOf(Object parsed, Function<JsonObject, T> reader) {
        List<T> out = new ArrayList<>();
        for (Object o : JsonObject.list(parsed)) {
            out.add(reader.apply(JsonObject.of(o)));
        }
        return out;
    }
}
