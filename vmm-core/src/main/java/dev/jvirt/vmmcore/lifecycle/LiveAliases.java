package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.domainxml.domain.CharDevice;
import dev.jvirt.domainxml.domain.Controller;
import dev.jvirt.domainxml.domain.Devices;
import dev.jvirt.domainxml.domain.Disk;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.vmmcore.qemu.argv.CommandLineException;
import dev.jvirt.vmmcore.qemu.argv.DeviceIds;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code <alias name>} libvirt's live XML gives each device of a running guest, which is the
 * device's QEMU id: disks and NICs by {@link DeviceIds} (the ids jvirt's command line gives
 * them), the rest by libvirt's rules (usb, pci.0, serial0, input0, balloon0, ...).
 */
final class LiveAliases {

    private LiveAliases() {
    }

    /** Device record (of {@code def}, by identity) → alias. */
    static Map<Object, String> of(Domain def) {
        Map<Object, String> out = new IdentityHashMap<>();
        Devices d = def.devices();
        for (Disk disk : d.disks()) {
            try {
                out.put(disk, DeviceIds.disk(disk));
            } catch (CommandLineException e) {
                // a disk the command line cannot name has no alias (it could not have started)
            }
        }
        for (Controller c : d.controllers()) {
            int i = c.indexOrZero();
            String alias = switch (c.type()) {
                case "usb" -> i == 0 ? "usb" : "usb" + i;
                case "pci" -> "pci." + i;
                case "ide" -> "ide";
                default -> c.type() + i;
            };
            out.put(c, alias);
        }
        indexed(out, d.interfaces(), "net");
        indexed(out, d.serials(), "serial");
        for (int i = 0; i < d.consoles().size(); i++) {
            CharDevice c = d.consoles().get(i);
            boolean serial = c.target() == null || c.target().type() == null || "serial".equals(c.target().type());
            Integer port = c.target() == null ? null : c.target().port();
            out.put(c, serial ? "serial" + (port == null ? 0 : port) : "console" + i);
        }
        indexed(out, d.channels(), "channel");
        indexed(out, d.inputs(), "input");
        indexed(out, d.filesystems(), "fs");
        indexed(out, d.sounds(), "sound");
        indexed(out, d.videos(), "video");
        indexed(out, d.watchdogs(), "watchdog");
        indexed(out, d.rngs(), "rng");
        if (d.memballoon() != null && !"none".equals(d.memballoon().model())) {
            out.put(d.memballoon(), "balloon0");
        }
        return out;
    }

    private static void indexed(Map<Object, String> out, List<?> devices, String prefix) {
        for (int i = 0; i < devices.size(); i++) {
            out.put(devices.get(i), prefix + i);
        }
    }
}
