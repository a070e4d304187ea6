package dev.jvirt.virshcompat.client;

import dev.jvirt.api.Domains;
import dev.jvirt.api.Guests;
import dev.jvirt.api.Host;
import dev.jvirt.api.Requests;
import dev.jvirt.api.http.HttpResponse;
import dev.jvirt.api.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * jvirtd's API (docs/api.md) as Java calls, in the wire shapes of dev.jvirt.api (the ones jvirtd
 * writes); every failure arrives as an {@link ApiException}.
 */
public final class ApiClient {

    private final ApiTransport http;

    public ApiClient(ApiTransport http) {
        this.http = http;
    }

    /** Storage pools and volumes (docs/api.md, "Storage"). */
    public StorageApi storage() {
        return new StorageApi(http);
    }

    /** Save, restore, managed saves and domain jobs. */
    public SaveApi saves() {
        return new SaveApi(http);
    }

    /** Domain snapshots. */
    public SnapshotApi snapshots() {
        return new SnapshotApi(http);
    }

    /** Live tuning of domains (docs/api.md, "Tuning"). */
    public TuningApi tuning() {
        return new TuningApi(http);
    }

    public ConnectUri uri() {
        return http.uri();
    }

    public Host.ServerInfo server() {
        return Host.ServerInfo.from(http.getObject("/1.0"));
    }

    public List<Domains.Summary> domains() {
        return Domains.Summary.list(http.get("/1.0/domains"));
    }

    public Domains.Info domain(String name) {
        return Domains.Info.from(http.getObject(domainPath(name)));
    }

    public Domains.StateReason state(String name) {
        return Domains.StateReason.from(http.getObject(domainPath(name) + "/state"));
    }

    /** Defines (or redefines, unless {@code noReplace}) a domain; answers what the daemon did. */
    public Domains.Ref define(String xml, boolean noReplace) {
        return Domains.Ref.from(http.send("POST", "/1.0/domains", new Requests.Define(xml, noReplace).toJson()));
    }

    /** Creates and starts a transient domain; answers its name. */
    public String create(String xml, boolean paused) {
        return Domains.Ref.from(http.send("POST", "/1.0/domains/create", new Requests.Create(xml, paused).toJson())).name();
    }

    public void undefine(String name) {
        http.send("DELETE", domainPath(name), null);
    }

    public String xml(String name, boolean inactive) {
        return http.getText(domainPath(name) + "/xml" + (inactive ? "?inactive=true" : ""));
    }

    public Domains.StateReason start(String name, boolean paused) {
        return lifecycle(name, "start", new Requests.Start(paused).toJson());
    }

    public Domains.StateReason shutdown(String name, Integer timeoutSeconds) {
        return lifecycle(name, "shutdown", new Requests.Shutdown(timeoutSeconds).toJson());
    }

    /** Shutdown by {@code mode}: {@code acpi} (the power button) or {@code agent} (the guest agent). */
    public Domains.StateReason shutdown(String name, Integer timeoutSeconds, String mode) {
        return lifecycle(name, "shutdown", new Requests.Shutdown(timeoutSeconds, mode).toJson());
    }

    /** Runs a command in the guest by its agent and waits for it to exit. */
    public Guests.ExecResult guestExec(String name, Guests.ExecRequest request) {
        return Guests.ExecResult.from(http.send("POST", domainPath(name) + "/guest-exec", request.toJson()));
    }

    /** How far the nested-LXD option of a running domain is. */
    public Guests.NestedStatus nestedStatus(String name) {
        return Guests.NestedStatus.from(http.getObject(domainPath(name) + "/nested-status"));
    }

    public Domains.StateReason destroy(String name, boolean graceful) {
        return lifecycle(name, "destroy", new Requests.Destroy(graceful).toJson());
    }

    /** reboot, reset, suspend or resume: the operations without parameters. */
    public Domains.StateReason lifecycle(String name, String operation) {
        return lifecycle(name, operation, Map.of());
    }

    private Domains.StateReason lifecycle(String name, String operation, Map<String, Object> body) {
        return Domains.StateReason.from(http.send("POST", domainPath(name) + "/" + operation, body));
    }

    public void autostart(String name, boolean enabled) {
        http.send("PUT", domainPath(name) + "/autostart", new Requests.Autostart(enabled).toJson());
    }

    /** Replaces a shut-off domain's emulated TPM state with {@code files} (name → content). */
    public void putTpmState(String name, Map<String, byte[]> files) {
        Map<String, String> encoded = new java.util.TreeMap<>();
        files.forEach((f, data) -> encoded.put(f, java.util.Base64.getEncoder().encodeToString(data)));
        http.send("PUT", domainPath(name) + "/tpm-state", new Requests.TpmState(encoded).toJson());
    }

    public List<Domains.BlockDevice> blockDevices(String name, boolean inactive) {
        List<Domains.BlockDevice> out = new ArrayList<>();
        for (Object o : JsonObject.list(http.get(domainPath(name) + "/blockdevices" + (inactive ? "?inactive=true" : "")))) {
            out.add(Domains.BlockDevice.from(JsonObject.of(o)));
        }
        return out;
    }

    /** libvirt's domstats of a domain; {@code groups} as {@code state,block}, empty for all. */
    public Domains.Stats stats(String name, String groups) {
        return Domains.Stats.from(http.getObject(domainPath(name) + "/stats"
                + (groups.isEmpty() ? "" : "?groups=" + groups)));
    }

    public List<Domains.BlockInfo> blockInfo(String name) {
        List<Domains.BlockInfo> out = new ArrayList<>();
        for (Object o : JsonObject.list(http.get(domainPath(name) + "/blockinfo"))) {
            out.add(Domains.BlockInfo.from(JsonObject.of(o)));
        }
        return out;
    }

    /** The network endpoints (net-*, domifaddr). */
    public NetworkApi networks() {
        return new NetworkApi(http);
    }

    public List<Domains.Interface> interfaces(String name) {
        return interfaces(name, false);
    }

    /** The NICs of the running domain, or of its stored definition when {@code inactive} (or it is shut off). */
    public List<Domains.Interface> interfaces(String name, boolean inactive) {
        List<Domains.Interface> out = new ArrayList<>();
        for (Object o : JsonObject.list(http.get(domainPath(name) + "/interfaces" + (inactive ? "?inactive=true" : "")))) {
            out.add(Domains.Interface.from(JsonObject.of(o)));
        }
        return out;
    }

    /** QMP (or HMP) passthrough; answers the daemon's object, {@code {"return": ...}}. */
    public JsonObject qemuMonitor(String name, String command, boolean hmp) {
        return http.send("POST", domainPath(name) + "/qemu-monitor", new Requests.QemuMonitor(command, hmp).toJson());
    }

    public List<String> domxmlToNative(String format, String xml) {
        return Domains.Argv.from(http.send("POST", "/1.0/domxml-to-native", new Requests.ToNative(xml, format).toJson())).argv();
    }

    /** Host or domain capabilities in libvirt's XML ({@code kind} is capabilities or domcapabilities). */
    public String hostXml(String kind) {
        return http.getText("/1.0/host/" + kind + "?format=xml");
    }

    /** The version of the QEMU jvirtd runs guests with, as QEMU gives it ("7.2.22"). */
    public String qemuVersion() {
        return http.getObject("/1.0/host/capabilities").string("qemu_version");
    }

    public Host.Memory hostMemory() {
        return Host.Memory.from(http.getObject("/1.0/host/memory"));
    }

    public Host.NodeInfo nodeInfo() {
        return Host.NodeInfo.from(http.getObject("/1.0/host/nodeinfo"));
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

    /** Attaches a device (a {@code <disk>}); {@code live}/{@code config} null for virsh's --current. */
    public void attachDevice(String name, String xml, Boolean live, Boolean config) {
        http.send("POST", domainPath(name) + "/devices", new dev.jvirt.api.Devices.Change(xml, null, live, config).toJson());
    }

    /** Detaches a device by its XML or its target; false when the guest has not let go of it yet. */
    public boolean detachDevice(String name, String xml, String target, Boolean live, Boolean config) {
        return dev.jvirt.api.Devices.Result.from(http.send("POST", domainPath(name) + "/devices/detach",
                new dev.jvirt.api.Devices.Change(xml, target, live, config).toJson())).done();
    }

    public static String domainPath(String name) {
        return "/1.0/domains/" + encode(name);
    }

    /** Percent-encodes a path segment or query value. */
    public static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
