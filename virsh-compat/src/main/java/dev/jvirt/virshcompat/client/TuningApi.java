package dev.jvirt.virshcompat.client;

import dev.jvirt.api.Tuning;
import dev.jvirt.api.http.HttpResponse;
import java.io.IOException;
import java.util.Map;

/** jvirtd's live tuning endpoints (docs/api.md, "Tuning"); the daemon resolves the domain reference. */
public final class TuningApi {
    private final ApiTransport http;

    TuningApi(ApiTransport http) {
        this.http = http;
    }

    /** setmem ({@code maximum} false) or setmaxmem, in KiB; {@code live}/{@code config} null for --current. */
    public void memory(String domain, long kib, boolean maximum, Boolean live, Boolean config) {
        http.send("POST", ApiClient.domainPath(domain) + "/memory", new Tuning.Memory(kib, maximum, live, config).toJson());
    }

    /** The description (or title) of the running guest, or with {@code config} of the stored definition; null for none. */
    public String description(String domain, boolean title, boolean config) {
        return Tuning.Text.from(http.getObject(ApiClient.domainPath(domain) + "/description?title=" + (title ? 1 : 0)
                + "&config=" + (config ? 1 : 0))).text();
    }

    public void describe(String domain, boolean title, String text, Boolean live, Boolean config) {
        http.send("POST", ApiClient.domainPath(domain) + "/description", new Tuning.Describe(text, title, live, config).toJson());
    }

    public Tuning.VcpuCount vcpuCount(String domain) {
        return Tuning.VcpuCount.from(http.getObject(ApiClient.domainPath(domain) + "/vcpus/count"));
    }

    public void setVcpus(String domain, int count, boolean maximum, Boolean live, Boolean config) {
        http.send("POST", ApiClient.domainPath(domain) + "/vcpus", new Tuning.SetVcpus(count, maximum, live, config).toJson());
    }

    public Tuning.Vcpus vcpus(String domain) {
        return Tuning.Vcpus.from(http.getObject(ApiClient.domainPath(domain) + "/vcpus"));
    }

    /** The running domain's VNC and SPICE displays. */
    public java.util.List<Tuning.Display> displays(String domain) {
        java.util.List<Tuning.Display> out = new java.util.ArrayList<>();
        for (Object o : dev.jvirt.api.json.JsonObject.list(http.get(ApiClient.domainPath(domain) + "/displays"))) {
            out.add(Tuning.Display.from(dev.jvirt.api.json.JsonObject.of(o)));
        }
        return out;
    }

    public void pinVcpu(String domain, int vcpu, java.util.List<Integer> cpus, Boolean live, Boolean config) {
        http.send("POST", ApiClient.domainPath(domain) + "/vcpus/" + vcpu + "/pin", new Tuning.Pin(cpus, live, config).toJson());
    }

    public java.util.List<Integer> emulatorAffinity(String domain) {
        return Tuning.Pin.from(http.getObject(ApiClient.domainPath(domain) + "/emulator/pin")).cpus();
    }

    public void pinEmulator(String domain, java.util.List<Integer> cpus, Boolean live, Boolean config) {
        http.send("POST", ApiClient.domainPath(domain) + "/emulator/pin", new Tuning.Pin(cpus, live, config).toJson());
    }

    public void sendKey(String domain, java.util.List<String> qcodes, int holdMs) {
        http.send("POST", ApiClient.domainPath(domain) + "/send-key", new Tuning.Keys(qcodes, holdMs).toJson());
    }

    public void rename(String domain, String newName) {
        http.send("POST", ApiClient.domainPath(domain) + "/rename", new Tuning.Rename(newName).toJson());
    }

    public java.util.List<Tuning.Iothread> iothreads(String domain) {
        java.util.List<Tuning.Iothread> out = new java.util.ArrayList<>();
        for (Object o : dev.jvirt.api.json.JsonObject.list(http.get(ApiClient.domainPath(domain) + "/iothreads"))) {
            out.add(Tuning.Iothread.from(dev.jvirt.api.json.JsonObject.of(o)));
        }
        return out;
    }

    /** Resizes a running domain's disk; answers its target. */
    public String blockResize(String domain, String disk, long bytes) {
        return Tuning.BlockResize.from(http.send("POST", ApiClient.domainPath(domain) + "/block-resize",
                new Tuning.BlockResize(disk, bytes).toJson())).disk();
    }

    /** Ejects ({@code file} null) or inserts a CD-ROM medium; answers whether the drive had one before. */
    public boolean changeMedia(String domain, String target, String file, boolean force) {
        return Tuning.Media.from(http.send("POST", ApiClient.domainPath(domain) + "/media",
                new Tuning.Media(target, file, force).toJson())).file() != null;
    }

    public void injectNmi(String domain) {
        http.send("POST", ApiClient.domainPath(domain) + "/inject-nmi", null);
    }

    /** The running domain's screen {@code screen} as a PPM image. */
    public byte[] screenshot(String domain, int screen) throws IOException {
        HttpResponse r = http.open("GET", ApiClient.domainPath(domain) + "/screenshot?screen=" + screen,
                Map.of("Connection", "close"), null);
        try (r) {
            return r.readBody();
        }
    }
}
