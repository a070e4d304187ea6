package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Address;
import dev.jvirt.domainxml.domain.CharDevice;
import dev.jvirt.vmmcore.qemu.ConsoleKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Serials, consoles and channels.
 *
 * <p>A {@code <console>} with a serial target is the same device as the serial with its port (as
 * in libvirt) and adds nothing; with no serials at all it becomes serial 0. The first pty among
 * the serials, then the virtio consoles, is the guest's console, read by the Hypervisor's console
 * hub instead of a pty: a serial port (isa-serial, pci-serial) starts on a {@code null} chardev
 * with the id {@link CharBackends#CONSOLE_HUB_CHARDEV} that the hub swaps (QMP {@code chardev-change},
 * before {@code cont}) for a {@code file} chardev on its FIFOs; a usb-serial or virtio console,
 * whose frontends cannot swap, is backed by the hub's unix socket ({@code GuestPaths.consoleSocket()}). The guest-agent channel's socket is {@code GuestPaths.guestAgentSocket()}; another
 * unix channel without a path gets {@code channel<n>.sock} in the guest's runtime dir.
 */
final class CharDevices {

    private final BuildContext ctx;
    private ConsoleKind hub = ConsoleKind.NONE;
    private final Set<Integer> usedPorts = new HashSet<>();

    private CharDevices(BuildContext ctx) {
        this.ctx = ctx;
    }

    /** The character devices, and how the console hub reaches the guest's console (the one place that decides it). */
    record Built(List<DeviceSpec> specs, ConsoleKind console) {
    }

    static Built specs(BuildContext ctx) {
        CharDevices c = new CharDevices(ctx);
        List<DeviceSpec> specs = c.build();
        return new Built(specs, c.hub);
    }

    private List<DeviceSpec> build() {
        List<DeviceSpec> out = new ArrayList<>();
        List<CharDevice> serials = ctx.def.devices().serials();
        List<CharDevice> consoles = ctx.def.devices().consoles();
        if (serials.isEmpty()) {
            serials = consoles.stream().filter(c -> !Controllers.isVirtioConsole(c)).limit(1).toList();
        }
        for (int i = 0; i < serials.size(); i++) {
            out.add(serial(serials.get(i), i));
        }
        for (CharDevice c : ctx.def.devices().channels()) {
            if (c.address() instanceof Address.VirtioSerial v && v.port() != null) {
                usedPorts.add(v.port());
            }
        }
        for (int i = 0; i < consoles.size(); i++) {
            CharDevice c = consoles.get(i);
            if (Controllers.isVirtioConsole(c)) {
                out.add(virtioConsole(c, i));
            } else if (c.target() != null && c.target().type() != null && !"serial".equals(c.target().type())) {
                throw new CommandLineException("console " + i, "target type '" + c.target().type() + "' is not supported; use serial or virtio");
            }
        }
        List<CharDevice> channels = ctx.def.devices().channels();
        for (int i = 0; i < channels.size(); i++) {
            out.add(channel(channels.get(i), i));
        }
        return out;
    }

    /**
     * {@code swappable}: the device's frontend lets QMP {@code chardev-change} replace its backend
     * (isa-serial and pci-serial do; usb-serial and virtconsole do not).
     */
    private Backend.Chardev backend(CharDevice c, String chardevId, String what, Path defaultSocket, boolean swappable) {
        if (hub == ConsoleKind.NONE && (c.type() == null || "pty".equals(c.type()))) {
            hub = swappable ? ConsoleKind.SERIAL_FIFOS : ConsoleKind.SOCKET;
            return swappable ? CharBackends.consoleHubFifos() : CharBackends.consoleHubSocket(ctx, chardevId);
        }
        return CharBackends.of(c, chardevId, what, defaultSocket);
    }

    private DeviceSpec serial(CharDevice c, int i) {
        String id = "serial" + i;
        String what = "serial " + i;
        String target = c.target() == null || c.target().type() == null || "serial".equals(c.target().type())
                ? "isa-serial" : c.target().type();
        Backend.Chardev chr = backend(c, "char" + id, what, null, !"usb-serial".equals(target));
        ObjectNode dev = Json.object();
        switch (target) {
            case "isa-serial" -> {
                dev.put("driver", "isa-serial");
                dev.put("chardev", chr.id());
                dev.put("id", id);
                dev.put("index", c.target() != null && c.target().port() != null ? c.target().port() : i);
            }
            case "pci-serial" -> {
                dev.put("driver", "pci-serial");
                dev.put("chardev", chr.id());
                dev.put("id", id);
                ctx.placePci(dev, c.address(), what);
            }
            case "usb-serial" -> {
                dev.put("driver", "usb-serial");
                int ctrl = c.address() instanceof Address.Usb u && u.bus() != null ? u.bus() : 0;
                dev.put("bus", ctx.controllers.usbBus(ctrl, what));
                if (c.address() instanceof Address.Usb u && u.port() != null) {
                    dev.put("port", u.port());
                }
                dev.put("chardev", chr.id());
                dev.put("id", id);
            }
            default -> throw new CommandLineException(what, "target type '" + target + "' is not supported; use isa-serial, pci-serial or usb-serial");
        }
        return new DeviceSpec(id, List.of(chr), dev);
    }

    private DeviceSpec virtioConsole(CharDevice c, int i) {
        String id = "console" + i;
        String what = "console " + i;
        Backend.Chardev chr = backend(c, "char" + id, what, null, false);
        ObjectNode dev = Json.object();
        dev.put("driver", "virtconsole");
        Address.VirtioSerial a = virtioSerialAddress(c, what);
        dev.put("bus", ctx.controllers.virtioSerialBus(a == null || a.controller() == null ? 0 : a.controller(), what));
        if (a != null && a.port() != null) {
            dev.put("nr", a.port());
        }
        dev.put("chardev", chr.id());
        dev.put("id", id);
        return new DeviceSpec(id, List.of(chr), dev);
    }

    private DeviceSpec channel(CharDevice c, int i) {
        String id = "channel" + i;
        String what = "channel " + i;
        if (c.target() == null || !"virtio".equals(c.target().type())) {
            throw new CommandLineException(what, "target type '" + (c.target() == null ? null : c.target().type())
                    + "' is not supported; use virtio");
        }
        boolean agent = "org.qemu.guest_agent.0".equals(c.target().name());
        Path socket = agent ? ctx.paths.guestAgentSocket() : ctx.paths.dir().resolve(id + ".sock");
        Backend.Chardev chr = CharBackends.of(c, "char" + id, what, socket);
        Address.VirtioSerial a = virtioSerialAddress(c, what);
        ObjectNode dev = Json.object();
        dev.put("driver", "virtserialport");
        dev.put("bus", ctx.controllers.virtioSerialBus(a == null || a.controller() == null ? 0 : a.controller(), what));
        dev.put("nr", a != null && a.port() != null ? a.port() : nextPort());
        dev.put("chardev", chr.id());
        dev.put("id", id);
        if (c.target().name() != null) {
            dev.put("name", c.target().name());
        }
        return new DeviceSpec(id, List.of(chr), dev);
    }

    private int nextPort() {
        int p = 1;
        while (usedPorts.contains(p)) {
            p++;
        }
        usedPorts.add(p);
        return p;
    }

    private static Address.VirtioSerial virtioSerialAddress(CharDevice c, String what) {
        if (c.address() == null) {
            return null;
        }
        if (c.address() instanceof Address.VirtioSerial v) {
            return v;
        }
        throw new CommandLineException(what, "needs an address of type 'virtio-serial', not '" + c.address().type() + "'");
    }
}
