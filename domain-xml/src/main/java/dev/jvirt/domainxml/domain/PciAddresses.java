package dev.jvirt.domainxml.domain;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Assigns PCI addresses on bus 0 to devices that need one and have none (Q35 machines are
 * {@link PcieAddresses}'s). Addresses already
 * present are kept and never reused. Fixed places follow QEMU's machines: i440fx has the host
 * bridge at slot 0, PIIX3 at slot 1 (USB UHCI at 1.2) and the primary video at slot 2; Q35 has
 * the primary video at slot 1 and ICH9 at slot 0x1f (SATA at 1f.2). Other devices take the free
 * slots in libvirt's order: controllers, filesystems, NICs, sound, virtio disks, balloon, RNG,
 * watchdog, secondary video, virtio input.
 */
final class PciAddresses {
    private static final int SLOTS = 32;

    private PciAddresses() {}

    static void assign(Devices.Builder b, boolean q35) {
        if (q35) {
            PcieAddresses.assign(b);
            return;
        }
        BitSet used = new BitSet(SLOTS);
        used.set(0);
        used.set(q35 ? 0x1f : 1);
        markUsed(used, b);
        int primaryVideoSlot = q35 ? 1 : 2;
        Slots slots = new Slots(used);

        List<Video> videos = new ArrayList<>(b.videos);
        if (!videos.isEmpty() && videos.get(0).address() == null && needsPci(videos.get(0))
                && !used.get(primaryVideoSlot)) {
            used.set(primaryVideoSlot);
            videos.set(0, videos.get(0).withAddress(pci(primaryVideoSlot, 0)));
        }
        if (!q35) {
            used.set(2); // kept for the primary video even when there is none yet
        }
        List<Controller> cs = new ArrayList<>(b.controllers);
        for (int i = 0; i < cs.size(); i++) {
            Controller c = cs.get(i);
            if (c.address() == null && "usb".equals(c.type()) && !q35 && c.indexOrZero() == 0
                    && (c.model() == null || "piix3-uhci".equals(c.model()))) {
                cs.set(i, c.withAddress(pci(1, 2)));
            } else if (c.address() == null && "sata".equals(c.type()) && q35 && c.indexOrZero() == 0) {
                cs.set(i, c.withAddress(pci(0x1f, 2)));
            }
        }
        cs = fill(cs, c -> c.address() == null && "pci".equals(c.type()) && !isRoot(c), Controller::withAddress, slots);
        b.filesystems = fill(b.filesystems, f -> f.address() == null, Filesystem::withAddress, slots);
        b.interfaces = fill(b.interfaces, n -> n.address() == null, NetInterface::withAddress, slots);
        b.sounds = fill(b.sounds, s -> s.address() == null && !"usb".equals(s.model()), Sound::withAddress, slots);
        cs = usbSets(cs, slots);
        cs = fill(cs, c -> c.address() == null && needsPci(c), Controller::withAddress, slots);
        b.controllers = cs;
        b.disks = fill(b.disks, d -> d.address() == null && d.target() != null && "virtio".equals(d.target().bus()),
                Disk::withAddress, slots);
        if (b.memballoon != null && b.memballoon.address() == null && "virtio".equals(b.memballoon.model())) {
            b.memballoon = b.memballoon.withAddress(slots.next());
        }
        b.rngs = fill(b.rngs, r -> r.address() == null, Rng::withAddress, slots);
        b.watchdogs = fill(b.watchdogs, w -> w.address() == null && "i6300esb".equals(w.model()), Watchdog::withAddress, slots);
        b.videos = fill(videos, v -> v.address() == null && needsPci(v), Video::withAddress, slots);
        b.inputs = fill(b.inputs, i -> i.address() == null && "virtio".equals(i.bus()), Input::withAddress, slots);
    }

    /**
     * An ICH9 EHCI controller and its UHCI companions (same index, {@code <master>}) share one
     * slot as libvirt lays them out: EHCI at function 7, UHCI1..3 at functions 0..2, multifunction
     * on function 0.
     */
    private static List<Controller> usbSets(List<Controller> in, Slots slots) {
        List<Controller> cs = new ArrayList<>(in);
        for (int i = 0; i < cs.size(); i++) {
            Controller m = cs.get(i);
            if (m.address() != null || !"usb".equals(m.type()) || !"ich9-ehci1".equals(m.model())) {
                continue;
            }
            Address.Pci a = slots.next();
            if (a == null) {
                return cs;
            }
            cs.set(i, m.withAddress(pci(a.slot(), 7)));
            for (int j = 0; j < cs.size(); j++) {
                Controller c = cs.get(j);
                String model = c.model() == null ? "" : c.model();
                if (c.address() == null && "usb".equals(c.type()) && c.masterStartport() != null
                        && c.indexOrZero() == m.indexOrZero() && model.matches("ich9-uhci[123]")) {
                    int fn = model.charAt(model.length() - 1) - '1';
                    cs.set(j, c.withAddress(new Address.Pci(0, 0, a.slot(), fn, fn == 0 ? Boolean.TRUE : null)));
                }
            }
        }
        return cs;
    }

    private static boolean isRoot(Controller c) {
        return "pci-root".equals(c.model()) || "pcie-root".equals(c.model()) || c.model() == null && c.indexOrZero() == 0;
    }

    private static boolean needsPci(Controller c) {
        switch (c.type() == null ? "" : c.type()) {
            case "usb":
                return !"none".equals(c.model());
            case "scsi":
            case "virtio-serial":
            case "sata":
                return true;
            default:
                return false;
        }
    }

    static boolean needsPci(Video v) {
        return !"none".equals(v.model()) && !"ramfb".equals(v.model());
    }

    private static Address.Pci pci(int slot, int function) {
        return new Address.Pci(0, 0, slot, function, null);
    }

    private static <T> List<T> fill(List<T> in, Predicate<T> needs, java.util.function.BiFunction<T, Address, T> with,
            Slots slots) {
        List<T> out = null;
        for (int i = 0; i < in.size(); i++) {
            T t = in.get(i);
            if (needs.test(t)) {
                Address.Pci a = slots.next();
                if (a == null) {
                    break; // bus 0 is full; validation does not require an address, the driver will complain
                }
                if (out == null) {
                    out = new ArrayList<>(in);
                }
                out.set(i, with.apply(t, a));
            }
        }
        return out == null ? in : out;
    }

    private static void markUsed(BitSet used, Devices.Builder b) {
        for (Address.Pci p : given(b, b.controllers)) {
            if (p.bus() == 0) {
                used.set(p.slot());
            }
        }
    }

    /** The PCI addresses the definition already gives (domain 0), on every bus. */
    static List<Address.Pci> given(Devices.Builder b, List<Controller> controllers) {
        List<Address> all = new ArrayList<>();
        collect(all, b.disks, Disk::address);
        collect(all, controllers, Controller::address);
        collect(all, b.filesystems, Filesystem::address);
        collect(all, b.interfaces, NetInterface::address);
        collect(all, b.sounds, Sound::address);
        collect(all, b.videos, Video::address);
        collect(all, b.watchdogs, Watchdog::address);
        collect(all, b.rngs, Rng::address);
        collect(all, b.inputs, Input::address);
        collect(all, b.serials, CharDevice::address);
        if (b.memballoon != null) {
            all.add(b.memballoon.address());
        }
        List<Address.Pci> out = new ArrayList<>();
        for (Address a : all) {
            if (a instanceof Address.Pci p && p.domain() == 0 && p.slot() < SLOTS) {
                out.add(p);
            }
        }
        return out;
    }

    private static <T> void collect(List<Address> out, List<T> items, Function<T, Address> f) {
        for (T t : items) {
            out.add(f.apply(t));
        }
    }

    /** Free slots on bus 0, lowest first. */
    private static final class Slots {
        private final BitSet used;

        Slots(BitSet used) {
            this.used = used;
        }

        Address.Pci next() {
            int s = used.nextClearBit(1);
            if (s >= SLOTS) {
                return null;
            }
            used.set(s);
            return pci(s, 0);
        }
    }
}
