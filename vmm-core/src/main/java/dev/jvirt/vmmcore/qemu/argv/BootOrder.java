package dev.jvirt.vmmcore.qemu.argv;

import dev.jvirt.domainxml.domain.Disk;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.NetInterface;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The {@code bootindex} of each bootable device. Per-device {@code <boot order>} wins; otherwise
 * {@code <os><boot dev>} entries are turned into indexes as libvirt does: {@code hd} is the first
 * ordinary disk, {@code cdrom} the first CD-ROM, {@code network} the first NIC.
 */
final class BootOrder {

    private final Map<Object, Integer> indexes = new IdentityHashMap<>();

    private BootOrder() {}

    static BootOrder of(Domain def) {
        BootOrder b = new BootOrder();
        boolean perDevice = false;
        for (Disk d : def.devices().disks()) {
            if (d.bootOrder() != null) {
                b.indexes.put(d, d.bootOrder());
                perDevice = true;
            }
        }
        for (NetInterface n : def.devices().interfaces()) {
            if (n.bootOrder() != null) {
                b.indexes.put(n, n.bootOrder());
                perDevice = true;
            }
        }
        if (def.os() == null || def.os().bootDevices().isEmpty()) {
            return b;
        }
        if (perDevice) {
            throw new CommandLineException("<os><boot dev>", "cannot be combined with per-device <boot order>; use one or the other");
        }
        int next = 1;
        for (String dev : def.os().bootDevices()) {
            Object found = switch (dev) {
                case "hd" -> def.devices().disks().stream().filter(d -> "disk".equals(d.deviceOrDefault())).findFirst().orElse(null);
                case "cdrom" -> def.devices().disks().stream().filter(Disk::isCdrom).findFirst().orElse(null);
                case "network" -> def.devices().interfaces().stream().findFirst().orElse(null);
                default -> throw new CommandLineException("<os><boot dev='" + dev + "'>", "is not supported; use hd, cdrom or network");
            };
            if (found != null && !b.indexes.containsKey(found)) {
                b.indexes.put(found, next++);
            }
        }
        return b;
    }

    /** The boot index of a device (the very record from the definition), or null. */
    Integer of(Object device) {
        return indexes.get(device);
    }
}
