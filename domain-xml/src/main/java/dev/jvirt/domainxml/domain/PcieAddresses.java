package dev.jvirt.domainxml.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * PCI addresses on a Q35 machine as libvirt lays them out, so a guest moved from libvirt sees
 * the same addresses (its NIC keeps the name {@code enp1s0}). Addresses already given are kept.
 *
 * <ul>
 *   <li>On {@code pcie.0}: slot 0 is the host bridge, 0x1f the ICH9 (SATA at 1f.2); the
 *       primary video takes slot 1, the first {@code ich9} sound card 0x1b, the first ICH9
 *       EHCI USB set 0x1d (EHCI at function 7, its UHCI companions at 0..2).</li>
 *   <li>{@code pcie-root-port}s without an address are packed eight to a slot from the first
 *       free slot (function 0 multifunction when the slot holds more than one), in index order;
 *       each has one slot (0) for one device.</li>
 *   <li>Every PCI Express device (virtio ones, {@code e1000e}, the xHCI controllers, a
 *       {@code pcie-to-pci-bridge}) goes to slot 0 of the first free root port, in libvirt's order:
 *       PCI controllers, filesystems, NICs, sound, other controllers, virtio disks, balloon,
 *       RNG, watchdog, other video, virtio input. When none is free a root port is added.</li>
 *   <li>Conventional PCI devices ({@code e1000}, {@code rtl8139}, {@code i6300esb}, other sound
 *       cards, {@code lsilogic}, UHCI/EHCI, a secondary qxl) go to a {@code pcie-to-pci-bridge}
 *       (slots 1 to 31), which is added with a root port of its own when there is none.</li>
 * </ul>
 */
final class PcieAddresses {
    private static final int SLOTS = 32;
    private static final int BRIDGE_FIRST_SLOT = 1;

    private final Devices.Builder b;
    private final List<Controller> cs;
    /** Used (bus, slot, function) as bus * 256 + slot * 8 + function. */
    private final Set<Integer> used = new HashSet<>();
    /** The last root-port slot filled on pcie.0, and how many functions it holds. */
    private int portSlot = -1;
    private int portFunctions;

    private PcieAddresses(Devices.Builder b) {
        this.b = b;
        this.cs = new ArrayList<>(b.controllers);
    }

    static void assign(Devices.Builder b) {
        new PcieAddresses(b).run();
    }

    private void run() {
        markUsed();
        reserveSlot(0, 0);
        reserveSlot(0, 0x1f);
        List<Video> videos = new ArrayList<>(b.videos);
        if (!videos.isEmpty() && videos.get(0).address() == null && PciAddresses.needsPci(videos.get(0)) && slotFree(0, 1)) {
            videos.set(0, videos.get(0).withAddress(take(0, 1, 0)));
        }
        List<Sound> sounds = new ArrayList<>(b.sounds);
        for (int i = 0; i < sounds.size(); i++) {
            if (sounds.get(i).address() == null && "ich9".equals(sounds.get(i).model()) && slotFree(0, 0x1b)) {
                sounds.set(i, sounds.get(i).withAddress(take(0, 0x1b, 0)));
                break;
            }
        }
        b.sounds = sounds;
        for (int i = 0; i < cs.size(); i++) {
            Controller c = cs.get(i);
            if (c.address() == null && "sata".equals(c.type()) && c.indexOrZero() == 0) {
                cs.set(i, c.withAddress(new Address.Pci(0, 0, 0x1f, 2, null)));
            }
        }
        usbSetAt0x1d();
        if (needsBridge(videos) && cs.stream().noneMatch(c -> "pcie-to-pci-bridge".equals(c.model()))) {
            cs.add(pciController(nextIndex(), "pcie-root-port"));
            cs.add(pciController(nextIndex(), "pcie-to-pci-bridge"));
        }
        // root ports first, in index order, then the bridges that plug into them
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < cs.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> Integer.compare(cs.get(x).indexOrZero(), cs.get(y).indexOrZero()));
        for (int i : order) {
            Controller c = cs.get(i);
            if (c.address() == null && "pcie-root-port".equals(c.model())) {
                cs.set(i, c.withAddress(nextPortAddress()));
            }
        }
        for (int i : order) {
            Controller c = cs.get(i);
            if (c.address() == null && "pcie-to-pci-bridge".equals(c.model())) {
                cs.set(i, c.withAddress(pcieSlot()));
            }
        }
        markMultifunction();
        b.filesystems = fill(b.filesystems, f -> f.address() == null, f -> true, Filesystem::withAddress);
        b.interfaces = fill(b.interfaces, n -> n.address() == null, n -> isPcieNic(n.model()), NetInterface::withAddress);
        b.sounds = fill(b.sounds, s -> s.address() == null && !"usb".equals(s.model()), s -> false, Sound::withAddress);
        List<Controller> others = fill(new ArrayList<>(cs), c -> c.address() == null && needsPci(c),
                c -> "usb".equals(c.type()) ? c.model() == null || c.model().endsWith("xhci") : !"lsilogic".equals(c.model()),
                Controller::withAddress);
        for (int i = 0; i < others.size(); i++) {
            cs.set(i, others.get(i)); // root ports added meanwhile stay after them
        }
        b.disks = fill(b.disks, d -> d.address() == null && d.target() != null && "virtio".equals(d.target().bus()), d -> true,
                Disk::withAddress);
        if (b.memballoon != null && b.memballoon.address() == null && "virtio".equals(b.memballoon.model())) {
            b.memballoon = b.memballoon.withAddress(pcieSlot());
        }
        b.rngs = fill(b.rngs, r -> r.address() == null, r -> true, Rng::withAddress);
        b.watchdogs = fill(b.watchdogs, w -> w.address() == null && "i6300esb".equals(w.model()), w -> false, Watchdog::withAddress);
        b.videos = fill(videos, v -> v.address() == null && PciAddresses.needsPci(v), v -> "virtio".equals(v.model()), Video::withAddress);
        b.inputs = fill(b.inputs, i -> i.address() == null && "virtio".equals(i.bus()), i -> true, Input::withAddress);
        markMultifunction();
        b.controllers = new ArrayList<>(cs);
    }

    /** The first ICH9 EHCI set without addresses at 0x1d, as libvirt places it on Q35. */
    private void usbSetAt0x1d() {
        for (int i = 0; i < cs.size(); i++) {
            Controller m = cs.get(i);
            if (m.address() != null || !"usb".equals(m.type()) || !"ich9-ehci1".equals(m.model()) || !slotFree(0, 0x1d)) {
                continue;
            }
            cs.set(i, m.withAddress(take(0, 0x1d, 7)));
            for (int j = 0; j < cs.size(); j++) {
                Controller c = cs.get(j);
                String model = c.model() == null ? "" : c.model();
                if (c.address() == null && "usb".equals(c.type()) && c.masterStartport() != null
                        && c.indexOrZero() == m.indexOrZero() && model.matches("ich9-uhci[123]")) {
                    int fn = model.charAt(model.length() - 1) - '1';
                    used.add(key(0, 0x1d, fn));
                    cs.set(j, c.withAddress(new Address.Pci(0, 0, 0x1d, fn, fn == 0 ? Boolean.TRUE : null)));
                }
            }
            return;
        }
    }

    private boolean needsBridge(List<Video> videos) {
        return b.interfaces.stream().anyMatch(n -> n.address() == null && !isPcieNic(n.model()))
                || b.sounds.stream().anyMatch(s -> s.address() == null && !"usb".equals(s.model()))
                || b.watchdogs.stream().anyMatch(w -> w.address() == null && "i6300esb".equals(w.model()))
                || cs.stream().anyMatch(c -> c.address() == null && needsPci(c) && ("usb".equals(c.type())
                        ? c.model() != null && !c.model().endsWith("xhci") : "lsilogic".equals(c.model())))
                || videos.stream().anyMatch(v -> v.address() == null && PciAddresses.needsPci(v) && !"virtio".equals(v.model()));
    }

    private static boolean isPcieNic(String model) {
        return model == null || "virtio".equals(model) || "e1000e".equals(model) || "igb".equals(model);
    }

    private <T> List<T> fill(List<T> in, Predicate<T> needs, Predicate<T> pcie, BiFunction<T, Address, T> with) {
        List<T> out = new ArrayList<>(in);
        for (int i = 0; i < out.size(); i++) {
            T t = out.get(i);
            if (needs.test(t)) {
                Address a = pcie.test(t) ? pcieSlot() : bridgeSlot();
                if (a != null) {
                    out.set(i, with.apply(t, a));
                }
            }
        }
        return out;
    }

    /** Slot 0 of the first free root port, adding one when all are taken. */
    private Address.Pci pcieSlot() {
        List<Controller> ports = cs.stream().filter(c -> "pcie-root-port".equals(c.model()))
                .sorted((x, y) -> Integer.compare(x.indexOrZero(), y.indexOrZero())).toList();
        for (Controller p : ports) {
            if (!used.contains(key(p.indexOrZero(), 0, 0))) {
                return take(p.indexOrZero(), 0, 0);
            }
        }
        Controller added = pciController(nextIndex(), "pcie-root-port").withAddress(nextPortAddress());
        cs.add(added);
        return take(added.indexOrZero(), 0, 0);
    }

    /** The next free slot of the pcie-to-pci-bridge, or null when there is none (validation says so). */
    private Address.Pci bridgeSlot() {
        for (Controller c : cs) {
            if ("pcie-to-pci-bridge".equals(c.model())) {
                for (int s = BRIDGE_FIRST_SLOT; s < SLOTS; s++) {
                    if (!used.contains(key(c.indexOrZero(), s, 0))) {
                        return take(c.indexOrZero(), s, 0);
                    }
                }
            }
        }
        return null;
    }

    /** The next function for a root port on pcie.0: the current slot while it has room, else the next free slot. */
    private Address.Pci nextPortAddress() {
        if (portSlot < 0 || portFunctions >= 8 || used.contains(key(0, portSlot, portFunctions))) {
            portSlot = -1;
            for (int s = 1; s < SLOTS; s++) {
                if (slotFree(0, s)) {
                    portSlot = s;
                    break;
                }
            }
            if (portSlot < 0) {
                return null;
            }
            portFunctions = 0;
        }
        return take(0, portSlot, portFunctions++);
    }

    /** Function 0 of a slot on pcie.0 holding several root ports is multifunction. */
    private void markMultifunction() {
        for (int i = 0; i < cs.size(); i++) {
            Controller c = cs.get(i);
            if (c.address() instanceof Address.Pci p && p.bus() == 0 && p.function() == 0 && p.multifunction() == null
                    && "pcie-root-port".equals(c.model())) {
                boolean shared = cs.stream().anyMatch(o -> o != c && o.address() instanceof Address.Pci q
                        && q.bus() == 0 && q.slot() == p.slot() && q.function() != 0);
                if (shared) {
                    cs.set(i, c.withAddress(new Address.Pci(0, 0, p.slot(), 0, Boolean.TRUE)));
                }
            }
        }
    }

    private int nextIndex() {
        int max = 0;
        for (Controller c : cs) {
            if ("pci".equals(c.type())) {
                max = Math.max(max, c.indexOrZero());
            }
        }
        return max + 1;
    }

    private static Controller pciController(int index, String model) {
        return new Controller("pci", index, model, null, null, null, null, null, null, null, null, null, null);
    }

    private boolean slotFree(int bus, int slot) {
        for (int f = 0; f < 8; f++) {
            if (used.contains(key(bus, slot, f))) {
                return false;
            }
        }
        return true;
    }

    private void reserveSlot(int bus, int slot) {
        for (int f = 0; f < 8; f++) {
            used.add(key(bus, slot, f));
        }
    }

    private Address.Pci take(int bus, int slot, int function) {
        used.add(key(bus, slot, function));
        return new Address.Pci(0, bus, slot, function, null);
    }

    private static int key(int bus, int slot, int function) {
        return bus * 256 + slot * 8 + function;
    }

    private static boolean needsPci(Controller c) {
        return switch (c.type() == null ? "" : c.type()) {
            case "usb" -> !"none".equals(c.model());
            case "scsi", "virtio-serial" -> true;
            case "sata" -> c.indexOrZero() > 0;
            default -> false;
        };
    }

    private void markUsed() {
        for (Address.Pci p : PciAddresses.given(b, cs)) {
            used.add(key(p.bus(), p.slot(), p.function()));
        }
    }
}
