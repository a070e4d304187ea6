package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.ViolationKind;
import dev.jvirt.domainxml.Violations;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Checks that PCI addresses are in range and that no two devices share one. */
final class PciAddressCheck {
    private static final String DEV = "/domain/devices";

    private PciAddressCheck() {}

    static void check(Devices d, Violations v) {
        Map<String, String> seen = new HashMap<>();
        each(d.disks(), "disk", Disk::address, seen, v);
        each(d.controllers(), "controller", Controller::address, seen, v);
        each(d.filesystems(), "filesystem", Filesystem::address, seen, v);
        each(d.interfaces(), "interface", NetInterface::address, seen, v);
        each(d.inputs(), "input", Input::address, seen, v);
        each(d.sounds(), "sound", Sound::address, seen, v);
        each(d.videos(), "video", Video::address, seen, v);
        each(d.watchdogs(), "watchdog", Watchdog::address, seen, v);
        if (d.memballoon() != null) {
            one(d.memballoon().address(), DEV + "/memballoon/address", seen, v);
        }
        each(d.rngs(), "rng", Rng::address, seen, v);
    }

    private static <T> void each(List<T> items, String name, Function<T, Address> f, Map<String, String> seen, Violations v) {
        for (int i = 0; i < items.size(); i++) {
            one(f.apply(items.get(i)), Violations.indexed(DEV, name, i, items.size()) + "/address", seen, v);
        }
    }

    private static void one(Address a, String path, Map<String, String> seen, Violations v) {
        if (!(a instanceof Address.Pci p)) {
            return;
        }
        if (p.slot() > 31 || p.function() > 7 || p.bus() > 255 || p.domain() > 0xffff) {
            v.add(ViolationKind.ADDRESS, path, "PCI address out of range (slot ≤ 0x1f, function ≤ 7, bus ≤ 0xff)");
            return;
        }
        String key = AddressCodec.hex(p.domain(), 4).substring(2) + ":" + AddressCodec.hex(p.bus(), 2).substring(2) + ":"
                + AddressCodec.hex(p.slot(), 2).substring(2) + "." + Integer.toHexString(p.function());
        String prev = seen.putIfAbsent(key, path);
        if (prev != null) {
            v.add(ViolationKind.ADDRESS, path, "PCI address " + key + " is already used by " + prev.replace("/address", ""));
        }
    }
}
