package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.ViolationKind;
import dev.jvirt.domainxml.Violations;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks character devices, input, graphics, video, sound, watchdog, balloon, RNG, panic and filesystems. */
final class OtherDeviceValidator {
    private static final String DEV = "/domain/devices";
    private static final Set<String> CHR_TYPES = Set.of("pty", "file", "unix", "tcp", "udp", "null", "stdio", "vc",
            "pipe", "dev", "spicevmc");
    private static final Set<String> VIDEO_MODELS = Set.of("vga", "cirrus", "vmvga", "qxl", "virtio", "bochs", "ramfb", "none");

    private OtherDeviceValidator() {}

    static void validate(Domain d, Violations v) {
        Devices ds = d.devices();
        chars(ds.serials(), "serial", Set.of("isa-serial", "pci-serial", "usb-serial"), v);
        chars(ds.consoles(), "console", Set.of("serial", "virtio"), v);
        chars(ds.channels(), "channel", Set.of("virtio", "guestfwd"), v);
        for (int i = 0; i < ds.inputs().size(); i++) {
            Input in = ds.inputs().get(i);
            String p = Violations.indexed(DEV, "input", i, ds.inputs().size());
            if (v.required(in.type(), p, "attribute 'type'")) {
                v.oneOf(in.type(), Set.of("mouse", "keyboard", "tablet"), p, "input type");
            }
            if (in.bus() != null && !Set.of("ps2", "usb", "virtio").contains(in.bus())) {
                v.add(ViolationKind.BUS, p, "unknown input bus '" + in.bus() + "'" + DeviceValidator.suggest(in.bus(), Set.of("ps2", "usb", "virtio")));
            } else if ("tablet".equals(in.type()) && "ps2".equals(in.bus())) {
                v.add(ViolationKind.BUS, p, "a tablet cannot use bus 'ps2' (use usb or virtio)");
            }
        }
        for (int i = 0; i < ds.graphics().size(); i++) {
            Graphics g = ds.graphics().get(i);
            String p = Violations.indexed(DEV, "graphics", i, ds.graphics().size());
            if (v.required(g.type(), p, "attribute 'type'")) {
                v.oneOf(g.type(), Set.of("vnc", "spice"), p, "graphics type");
            }
            if (g.port() != null && g.port() != -1 && (g.port() < 5900 || g.port() > 65535)) {
                v.add(ViolationKind.RANGE, p, "graphics port " + g.port() + " must be -1 (automatic) or in [5900, 65535]");
            }
            for (Graphics.Listen l : g.listens()) {
                v.oneOf(l.type(), Set.of("address", "network", "socket", "none"), p + "/listen", "listen type");
            }
        }
        int primaries = 0;
        for (int i = 0; i < ds.videos().size(); i++) {
            Video vd = ds.videos().get(i);
            String p = Violations.indexed(DEV, "video", i, ds.videos().size()) + "/model";
            if (vd.model() != null && !VIDEO_MODELS.contains(vd.model())) {
                v.add(ViolationKind.MODEL, p, "unknown video model '" + vd.model() + "'" + DeviceValidator.suggest(vd.model(), VIDEO_MODELS));
            }
            if (Boolean.TRUE.equals(vd.primary()) && ++primaries > 1) {
                v.add(ViolationKind.INCONSISTENT, p, "only one video device can be primary");
            }
            v.range(vd.heads(), 1, 16, p, "heads");
        }
        for (int i = 0; i < ds.sounds().size(); i++) {
            model(ds.sounds().get(i).model(), Set.of("ich9", "ich6", "ich7", "ac97", "es1370", "sb16", "usb", "pcspk"),
                    Violations.indexed(DEV, "sound", i, ds.sounds().size()), "sound", v);
        }
        for (int i = 0; i < ds.watchdogs().size(); i++) {
            Watchdog w = ds.watchdogs().get(i);
            String p = Violations.indexed(DEV, "watchdog", i, ds.watchdogs().size());
            model(w.model(), Set.of("i6300esb", "ib700", "itco"), p, "watchdog", v);
            v.oneOf(w.action(), Set.of("reset", "shutdown", "poweroff", "pause", "none", "dump", "inject-nmi"), p, "watchdog action");
        }
        if (ds.memballoon() != null) {
            model(ds.memballoon().model(), Set.of("virtio", "virtio-transitional", "virtio-non-transitional", "none"),
                    DEV + "/memballoon", "memballoon", v);
        }
        for (int i = 0; i < ds.rngs().size(); i++) {
            Rng r = ds.rngs().get(i);
            String p = Violations.indexed(DEV, "rng", i, ds.rngs().size());
            model(r.model(), Set.of("virtio", "virtio-transitional", "virtio-non-transitional"), p, "rng", v);
            if (v.required(r.backendModel(), p + "/backend", "backend model")) {
                v.oneOf(r.backendModel(), Set.of("random", "builtin", "egd"), p + "/backend", "rng backend");
            }
            if ("random".equals(r.backendModel()) && r.backendPath() != null
                    && !Set.of("/dev/random", "/dev/urandom", "/dev/hwrng").contains(r.backendPath())) {
                v.add(ViolationKind.RANGE, p + "/backend", "random backend must be /dev/random, /dev/urandom or /dev/hwrng");
            }
        }
        for (int i = 0; i < ds.panics().size(); i++) {
            model(ds.panics().get(i).model(), Set.of("isa", "pvpanic", "hyperv"),
                    Violations.indexed(DEV, "panic", i, ds.panics().size()), "panic", v);
        }
        filesystems(d, v);
    }

    private static void model(String m, Set<String> known, String p, String what, Violations v) {
        if (v.required(m, p, "attribute 'model'") && !known.contains(m)) {
            v.add(ViolationKind.MODEL, p, "unknown " + what + " model '" + m + "'" + DeviceValidator.suggest(m, known));
        }
    }

    private static void chars(List<CharDevice> cs, String name, Set<String> targetTypes, Violations v) {
        for (int i = 0; i < cs.size(); i++) {
            CharDevice c = cs.get(i);
            String p = Violations.indexed(DEV, name, i, cs.size());
            if (!v.required(c.type(), p, "attribute 'type'")) {
                continue;
            }
            v.oneOf(c.type(), CHR_TYPES, p, name + " type");
            CharDevice.Source s = c.source();
            String sp = p + "/source";
            // a virtio channel on a unix socket may leave the path to the driver, as libvirt does
            boolean pathOptional = "channel".equals(name) && "unix".equals(c.type());
            if (pathOptional && s != null && s.path() != null) {
                v.absolute(s.path(), sp, "source path");
            } else if (!pathOptional
                    && ("file".equals(c.type()) || "unix".equals(c.type()) || "dev".equals(c.type()) || "pipe".equals(c.type()))) {
                if (v.required(s == null ? null : s.path(), sp, "source path")) {
                    v.absolute(s.path(), sp, "source path");
                }
            }
            if ("tcp".equals(c.type()) || "udp".equals(c.type())) {
                if (v.required(s == null ? null : s.service(), sp, "source service (port)")) {
                    try {
                        v.range(Integer.parseInt(s.service()), 1, 65535, sp, "port");
                    } catch (NumberFormatException e) {
                        v.add(ViolationKind.RANGE, sp, "service '" + s.service() + "' must be a port number");
                    }
                }
            }
            if (s != null) {
                v.oneOf(s.mode(), Set.of("bind", "connect"), sp, "source mode");
            }
            v.oneOf(c.protocol(), Set.of("raw", "telnet", "telnets", "tls"), p + "/protocol", "protocol");
            CharDevice.Target t = c.target();
            if (t != null) {
                v.oneOf(t.type(), targetTypes, p + "/target", name + " target type");
                if ("channel".equals(name) && "virtio".equals(t.type())) {
                    v.required(t.name(), p + "/target", "virtio channel name (e.g. org.qemu.guest_agent.0)");
                }
                v.range(t.port(), 0, 31, p + "/target", "port");
            } else if ("channel".equals(name)) {
                v.add(ViolationKind.MISSING, p, "a channel needs a <target>");
            }
        }
    }

    private static void filesystems(Domain d, Violations v) {
        List<Filesystem> fs = d.devices().filesystems();
        Set<String> tags = new HashSet<>();
        for (int i = 0; i < fs.size(); i++) {
            Filesystem f = fs.get(i);
            String p = Violations.indexed(DEV, "filesystem", i, fs.size());
            v.oneOf(f.type(), Set.of("mount"), p, "filesystem type");
            v.oneOf(f.accessmode(), Set.of("passthrough", "mapped", "squash"), p, "access mode");
            v.oneOf(f.driverType(), Set.of("path", "handle", "virtiofs"), p + "/driver", "filesystem driver");
            if (v.required(f.sourceDir(), p + "/source", "source dir")) {
                v.absolute(f.sourceDir(), p + "/source", "source dir");
            }
            if (v.required(f.targetDir(), p + "/target", "target dir (the mount tag)") && !tags.add(f.targetDir())) {
                v.add(ViolationKind.DUPLICATE, p + "/target", "mount tag '" + f.targetDir() + "' is already used");
            }
            if (f.isVirtiofs()) {
                MemoryBacking mb = d.memoryBacking();
                if (mb == null || !"shared".equals(mb.accessMode())) {
                    v.add(ViolationKind.INCONSISTENT, p, "virtiofs needs shared memory: add <memoryBacking><source type='memfd'/><access mode='shared'/></memoryBacking>");
                }
                if (f.accessmode() != null && !"passthrough".equals(f.accessmode())) {
                    v.add(ViolationKind.INCONSISTENT, p, "virtiofs supports only accessmode='passthrough'");
                }
            }
        }
    }
}
