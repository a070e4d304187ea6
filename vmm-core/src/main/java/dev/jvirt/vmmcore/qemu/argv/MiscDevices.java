package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Address;
import dev.jvirt.domainxml.domain.Input;
import dev.jvirt.domainxml.domain.Memballoon;
import dev.jvirt.domainxml.domain.Panic;
import dev.jvirt.domainxml.domain.Rng;
import dev.jvirt.domainxml.domain.Video;
import java.util.List;

/**
 * The small devices: input, video, memory balloon, RNG and panic. Each method returns null for
 * a device QEMU has built in (PS/2 mouse and keyboard) or that is switched off ({@code none}).
 */
final class MiscDevices {

    /** libvirt's video memory when the XML gives none: 16 MiB for VGA-like cards, qxl's ram and vram 64 MiB. */
    static final int DEFAULT_VRAM_KIB = 16384;
    static final int QXL_RAM_KIB = 65536;

    private MiscDevices() {}

    static DeviceSpec input(BuildContext ctx, Input in, int index) {
        String id = "input" + index;
        String what = "input " + index + " (" + in.type() + ")";
        String type = in.type() == null ? "" : in.type();
        String bus = in.bus() != null ? in.bus() : "tablet".equals(type) ? "usb" : "ps2";
        if (!List.of("tablet", "mouse", "keyboard").contains(type)) {
            throw new CommandLineException(what, "type '" + type + "' is not supported; use tablet, mouse or keyboard");
        }
        ObjectNode dev = Json.object();
        switch (bus) {
            case "ps2" -> {
                if ("tablet".equals(type)) {
                    throw new CommandLineException(what, "a tablet cannot be on PS/2; use bus usb or virtio");
                }
                return null;
            }
            case "usb" -> {
                dev.put("driver", switch (type) {
                    case "tablet" -> "usb-tablet";
                    case "mouse" -> "usb-mouse";
                    default -> "usb-kbd";
                });
                dev.put("id", id);
                int ctrl = in.address() instanceof Address.Usb u && u.bus() != null ? u.bus() : 0;
                dev.put("bus", ctx.controllers.usbBus(ctrl, what));
                if (in.address() instanceof Address.Usb u && u.port() != null) {
                    dev.put("port", u.port());
                }
            }
            case "virtio" -> {
                dev.put("driver", "virtio-" + type + "-pci");
                dev.put("id", id);
                ctx.placePci(dev, in.address(), what);
            }
            default -> throw new CommandLineException(what, "bus '" + bus + "' is not supported; use usb, virtio or ps2");
        }
        return DeviceSpec.of(id, dev);
    }

    static DeviceSpec video(BuildContext ctx, Video v, int index) {
        String id = "video" + index;
        String model = v.model() == null ? "none" : v.model();
        String what = "video " + index + " (" + model + ")";
        boolean primary = index == 0;
        if (Boolean.TRUE.equals(v.accel3d())) {
            throw new CommandLineException(what, "3D acceleration is not supported");
        }
        ObjectNode dev = Json.object();
        switch (model) {
            case "none" -> {
                return null;
            }
            case "vga" -> {
                requirePrimary(primary, what);
                dev.put("driver", "VGA");
                dev.put("id", id);
                dev.put("vgamem_mb", (v.vram() != null ? v.vram() : DEFAULT_VRAM_KIB) / 1024);
            }
            case "cirrus" -> {
                requirePrimary(primary, what);
                dev.put("driver", "cirrus-vga");
                dev.put("id", id);
            }
            case "bochs" -> {
                dev.put("driver", "bochs-display");
                dev.put("id", id);
                dev.put("vgamem", (long) (v.vram() != null ? v.vram() : DEFAULT_VRAM_KIB) * 1024);
            }
            case "qxl" -> {
                dev.put("driver", primary ? "qxl-vga" : "qxl");
                dev.put("id", id);
                dev.put("max_outputs", v.heads() == null ? 1 : v.heads());
                dev.put("ram_size", (long) (v.ram() != null ? v.ram() : QXL_RAM_KIB) * 1024);
                dev.put("vram_size", (long) (v.vram() != null ? v.vram() : QXL_RAM_KIB) * 1024);
                dev.put("vram64_size_mb", 0);
                dev.put("vgamem_mb", (v.vgamem() != null ? v.vgamem() : DEFAULT_VRAM_KIB) / 1024);
            }
            case "virtio" -> {
                dev.put("driver", primary ? "virtio-vga" : "virtio-gpu-pci");
                dev.put("id", id);
                dev.put("max_outputs", v.heads() == null ? 1 : v.heads());
            }
            default -> throw new CommandLineException(what, "model '" + model + "' is not supported; use virtio, qxl, vga, cirrus, bochs or none");
        }
        ctx.placePci(dev, v.address(), what);
        ctx.requireDeviceType(dev.get("driver").asText(), what);
        return DeviceSpec.of(id, dev);
    }

    private static void requirePrimary(boolean primary, String what) {
        if (!primary) {
            throw new CommandLineException(what, "a VGA-compatible card can only be the first (primary) video device");
        }
    }

    static DeviceSpec balloon(BuildContext ctx, Memballoon b) {
        if (b == null || b.model() == null || "none".equals(b.model())) {
            return null;
        }
        String what = "memballoon (" + b.model() + ")";
        if (!"virtio".equals(b.model())) {
            throw new CommandLineException(what, "model '" + b.model() + "' is not supported; use virtio or none");
        }
        ObjectNode dev = Json.object();
        dev.put("driver", "virtio-balloon-pci");
        dev.put("id", "balloon0");
        if (b.autodeflate() != null) {
            dev.put("deflate-on-oom", b.autodeflate());
        }
        if (b.freePageReporting() != null) {
            dev.put("free-page-reporting", b.freePageReporting());
        }
        ctx.placePci(dev, b.address(), what);
        return DeviceSpec.of("balloon0", dev);
    }

    static DeviceSpec rng(BuildContext ctx, Rng r, int index) {
        String id = "rng" + index;
        String objId = "objrng" + index;
        String what = "rng " + index;
        if (r.model() != null && !"virtio".equals(r.model())) {
            throw new CommandLineException(what, "model '" + r.model() + "' is not supported; use virtio");
        }
        ObjectNode obj = Json.object();
        String backend = r.backendModel() == null ? "random" : r.backendModel();
        switch (backend) {
            case "random" -> {
                obj.put("qom-type", "rng-random");
                obj.put("id", objId);
                obj.put("filename", r.backendPath() == null ? "/dev/urandom" : r.backendPath());
            }
            case "builtin" -> {
                obj.put("qom-type", "rng-builtin");
                obj.put("id", objId);
            }
            default -> throw new CommandLineException(what, "backend '" + backend + "' is not supported; use random or builtin");
        }
        ObjectNode dev = Json.object();
        dev.put("driver", "virtio-rng-pci");
        dev.put("rng", objId);
        dev.put("id", id);
        if (r.rateBytes() != null) {
            dev.put("max-bytes", r.rateBytes());
            dev.put("period", r.ratePeriod() == null ? 1000 : r.ratePeriod());
        }
        ctx.placePci(dev, r.address(), what);
        return new DeviceSpec(id, List.of(new Backend.QomObject(obj)), dev);
    }

    static DeviceSpec panic(BuildContext ctx, Panic p, int index) {
        String id = "panic" + index;
        String model = p.model() == null ? "isa" : p.model();
        String what = "panic " + index + " (" + model + ")";
        ObjectNode dev = Json.object();
        switch (model) {
            case "isa" -> {
                dev.put("driver", "pvpanic");
                dev.put("id", id);
                if (p.address() instanceof Address.Isa isa && isa.iobase() != null) {
                    dev.put("ioport", Integer.decode(isa.iobase()));
                }
            }
            case "pvpanic" -> {
                dev.put("driver", "pvpanic-pci");
                dev.put("id", id);
                ctx.placePci(dev, p.address(), what);
            }
            default -> throw new CommandLineException(what, "model '" + model + "' is not supported; use isa or pvpanic");
        }
        ctx.requireDeviceType(dev.get("driver").asText(), what);
        return DeviceSpec.of(id, dev);
    }
}
