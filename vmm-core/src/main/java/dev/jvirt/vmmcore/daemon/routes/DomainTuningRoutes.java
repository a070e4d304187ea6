package dev.jvirt.vmmcore.daemon.routes;

import dev.jvirt.api.Tuning;
import dev.jvirt.api.json.JsonObject;
import dev.jvirt.vmmcore.DisplayInfo;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.IothreadInfo;
import dev.jvirt.vmmcore.VcpuCount;
import dev.jvirt.vmmcore.VcpuInfo;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.Reply;
import dev.jvirt.vmmcore.daemon.http.Request;
import dev.jvirt.vmmcore.daemon.http.RouteTable;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Live tuning (setmem, setmaxmem, desc, vcpucount, vcpuinfo, inject-nmi, screenshot), over {@link Hypervisor#tuning()}. */
final class DomainTuningRoutes {
    private final Hypervisor hv;

    DomainTuningRoutes(Hypervisor hv) {
        this.hv = hv;
    }

    void register(RouteTable t) {
        t.post("/1.0/domains/{name}/memory", r -> {
            Tuning.Memory m = Tuning.Memory.from(body(r));
            if (m.maximum()) {
                hv.tuning().setMaxMemory(r.param("name"), m.kib(), m.live(), m.config());
            } else {
                hv.tuning().setMemory(r.param("name"), m.kib(), m.live(), m.config());
            }
            return Reply.json(Map.of());
        });
        t.get("/1.0/domains/{name}/description", r -> Reply.json(new Tuning.Text(hv.tuning().description(r.param("name"),
                r.queryFlag("title"), r.queryFlag("config"))).toJson()));
        t.post("/1.0/domains/{name}/description", r -> {
            Tuning.Describe d = Tuning.Describe.from(body(r));
            hv.tuning().describe(r.param("name"), d.title(), d.text(), d.live(), d.config());
            return Reply.json(Map.of());
        });
        t.post("/1.0/domains/{name}/rename", r -> {
            Tuning.Rename n = Tuning.Rename.from(body(r));
            if (n.name() == null || n.name().isBlank()) {
                throw ApiException.badRequest("a rename needs \"name\": the new name");
            }
            hv.tuning().rename(r.param("name"), n.name());
            return Reply.json(Map.of());
        });
        t.get("/1.0/domains/{name}/vcpus/count", r -> {
            VcpuCount c = hv.tuning().vcpuCount(r.param("name"));
            return Reply.json(new Tuning.VcpuCount(c.maximumConfig(), c.currentConfig(), c.maximumLive(),
                    c.currentLive()).toJson());
        });
        t.post("/1.0/domains/{name}/vcpus", r -> {
            Tuning.SetVcpus v = Tuning.SetVcpus.from(body(r));
            hv.tuning().setVcpus(r.param("name"), v.count(), v.maximum(), v.live(), v.config());
            return Reply.json(Map.of());
        });
        t.get("/1.0/domains/{name}/vcpus", r -> {
            List<Tuning.Vcpu> out = new ArrayList<>();
            for (VcpuInfo v : hv.tuning().vcpus(r.param("name"))) {
                out.add(new Tuning.Vcpu(v.vcpu(), v.cpu(), v.state(), v.cpuTimeNanos(), v.affinity()));
            }
            return Reply.json(new Tuning.Vcpus(hostCpus(), out).toJson());
        });
        t.get("/1.0/domains/{name}/displays", r -> {
            List<Object> out = new ArrayList<>();
            for (DisplayInfo d : hv.tuning().displays(r.param("name"))) {
                out.add(new Tuning.Display(d.type(), d.host(), d.port(), d.tlsPort() == null ? null : (long) d.tlsPort()).toJson());
            }
            return Reply.json(out);
        });
        t.post("/1.0/domains/{name}/vcpus/{vcpu}/pin", r -> {
            Tuning.Pin p = Tuning.Pin.from(body(r));
            hv.tuning().pinVcpu(r.param("name"), number(r.param("vcpu"), "vcpu"), p.cpus(), p.live(), p.config());
            return Reply.json(Map.of());
        });
        t.get("/1.0/domains/{name}/emulator/pin", r ->
                Reply.json(new Tuning.Pin(hv.tuning().emulatorAffinity(r.param("name")), true, false).toJson()));
        t.post("/1.0/domains/{name}/emulator/pin", r -> {
            Tuning.Pin p = Tuning.Pin.from(body(r));
            hv.tuning().pinEmulator(r.param("name"), p.cpus(), p.live(), p.config());
            return Reply.json(Map.of());
        });
        t.post("/1.0/domains/{name}/send-key", r -> {
            Tuning.Keys k = Tuning.Keys.from(body(r));
            hv.tuning().sendKey(r.param("name"), k.keys(), (int) Math.min(Integer.MAX_VALUE, k.holdMs()));
            return Reply.json(Map.of());
        });
        t.get("/1.0/domains/{name}/iothreads", r -> {
            List<Integer> all = new ArrayList<>();
            for (int c = 0; c < hostCpus(); c++) {
                all.add(c);
            }
            List<Object> out = new ArrayList<>();
            for (IothreadInfo i : hv.tuning().iothreads(r.param("name"), all)) {
                out.add(new Tuning.Iothread(i.id(), i.affinity()).toJson());
            }
            return Reply.json(out);
        });
        t.post("/1.0/domains/{name}/block-resize", r -> {
            Tuning.BlockResize b = Tuning.BlockResize.from(body(r));
            if (b.disk() == null) {
                throw ApiException.badRequest("a block resize needs \"disk\": its target or source path");
            }
            String target = hv.tuning().blockResize(r.param("name"), b.disk(), b.bytes());
            return Reply.json(new Tuning.BlockResize(target, b.bytes()).toJson());
        });
        t.post("/1.0/domains/{name}/media", r -> {
            Tuning.Media m = Tuning.Media.from(body(r));
            if (m.target() == null) {
                throw ApiException.badRequest("a media change needs \"target\": the CD-ROM drive's target or source path");
            }
            boolean had = hv.tuning().changeMedia(r.param("name"), m.target(), m.file(), m.force());
            return Reply.json(new Tuning.Media(m.target(), had ? "present" : null, m.force()).toJson());
        });
        t.post("/1.0/domains/{name}/inject-nmi", r -> {
            hv.tuning().injectNmi(r.param("name"));
            return Reply.json(Map.of());
        });
        t.get("/1.0/domains/{name}/screenshot", r -> {
            int screen;
            try {
                screen = Integer.parseInt(r.query("screen", "0"));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("screen must be a number, not '" + r.query("screen", "") + "'");
            }
            return new Reply.Full(HttpResponseStatus.OK, "image/x-portable-pixmap",
                    hv.tuning().screenshot(r.param("name"), screen));
        });
    }

    private static int number(String v, String what) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(what + " must be a number, not '" + v + "'");
        }
    }

    private static JsonObject body(Request r) {
        r.json();
        return r.body().length == 0 ? new JsonObject(Map.of()) : JsonObject.parse(r.body());
    }

    /** The host's CPUs as libvirt counts them: /sys/devices/system/cpu/present ("0-1" → 2). */
    static int hostCpus() {
        try {
            String present = Files.readString(Path.of("/sys/devices/system/cpu/present")).strip();
            int max = 0;
            for (String range : present.split(",")) {
                String last = range.substring(range.indexOf('-') + 1);
                max = Math.max(max, Integer.parseInt(last) + 1);
            }
            return max;
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }
}
