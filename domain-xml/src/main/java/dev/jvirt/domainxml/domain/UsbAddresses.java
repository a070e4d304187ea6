package dev.jvirt.domainxml.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * USB ports for USB devices that have none, as libvirt gives them on define: on the first
 * controller (bus 0), ports 1, 2, ... in order (disks, input, sound, serial, redirection),
 * skipping the ports written in the definition. Nothing is assigned when the guest has no USB
 * controller, or it is {@code model='none'}, or once the controller's ports are used up (QEMU
 * then adds hubs itself).
 */
final class UsbAddresses {

    /** Ports of a controller that does not say: xHCI 4+4 (libvirt's), the others 2. */
    private static int portsOf(Controller c) {
        if (c.ports() != null) {
            return c.ports();
        }
        String m = c.model() == null ? "" : c.model();
        return m.endsWith("xhci") ? 8 : m.equals("ich9-ehci1") || m.equals("ehci") ? 6 : 2;
    }

    private final Set<String> used = new HashSet<>();
    private final int ports;
    private int next = 1;

    private UsbAddresses(int ports) {
        this.ports = ports;
    }

    static void assign(Devices.Builder b) {
        Controller root = b.controllers.stream()
                .filter(c -> "usb".equals(c.type()) && c.indexOrZero() == 0 && c.masterStartport() == null)
                .findFirst().orElse(null);
        if (root == null || "none".equals(root.model())) {
            return;
        }
        UsbAddresses u = new UsbAddresses(portsOf(root));
        u.markUsed(b.disks, Disk::address);
        u.markUsed(b.inputs, Input::address);
        u.markUsed(b.sounds, Sound::address);
        u.markUsed(b.serials, CharDevice::address);
        u.markUsed(b.redirdevs, Redirdev::address);
        b.disks = u.fill(b.disks, d -> d.address() == null && d.target() != null && "usb".equals(d.target().bus()), Disk::withAddress);
        b.inputs = u.fill(b.inputs, i -> i.address() == null && "usb".equals(i.bus()), Input::withAddress);
        b.sounds = u.fill(b.sounds, s -> s.address() == null && "usb".equals(s.model()), Sound::withAddress);
        b.serials = u.fill(b.serials, s -> s.address() == null && s.target() != null && "usb-serial".equals(s.target().type()),
                CharDevice::withAddress);
        b.redirdevs = u.fill(b.redirdevs, r -> r.address() == null && (r.bus() == null || "usb".equals(r.bus())),
                (r, a) -> new Redirdev(r.bus(), r.type(), r.sourceHost(), r.sourceService(), r.bootOrder(), a));
    }

    private <T> void markUsed(List<T> items, Function<T, Address> address) {
        for (T t : items) {
            if (address.apply(t) instanceof Address.Usb a && (a.bus() == null || a.bus() == 0) && a.port() != null) {
                used.add(a.port());
            }
        }
    }

    private <T> List<T> fill(List<T> in, Predicate<T> needs, BiFunction<T, Address, T> with) {
        List<T> out = new ArrayList<>(in);
        for (int i = 0; i < out.size(); i++) {
            if (!needs.test(out.get(i))) {
                continue;
            }
            while (next <= ports && used.contains(Integer.toString(next))) {
                next++;
            }
            if (next > ports) {
                return out;
            }
            String port = Integer.toString(next++);
            used.add(port);
            out.set(i, with.apply(out.get(i), new Address.Usb(0, port)));
        }
        return out;
    }
}
