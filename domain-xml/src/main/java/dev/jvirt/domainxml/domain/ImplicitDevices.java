package dev.jvirt.domainxml.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Controllers and devices libvirt adds on define: the PCI root, a USB controller, the disk
 * and virtio-serial controllers the other devices refer to, PS/2 input and a video device with
 * graphics, and a virtio memory balloon.
 */
final class ImplicitDevices {
    private ImplicitDevices() {}

    static void add(Devices.Builder b, boolean q35) {
        List<Controller> cs = indexed(b.controllers);
        if (!has(cs, "pci", 0)) {
            cs.add(controller("pci", 0, q35 ? "pcie-root" : "pci-root"));
        }
        if (!hasType(cs, "usb")) {
            cs.add(controller("usb", 0, q35 ? "qemu-xhci" : "piix3-uhci"));
        }
        if (q35 && !has(cs, "sata", 0)) {
            cs.add(controller("sata", 0, null));
        }
        for (Disk d : b.disks) {
            if (d.address() instanceof Address.Drive a && d.target() != null && a.controller() != null) {
                String bus = d.target().bus();
                if (("scsi".equals(bus) || "sata".equals(bus) || "ide".equals(bus) || "fdc".equals(bus))
                        && !has(cs, bus, a.controller())) {
                    cs.add(controller(bus, a.controller(), "scsi".equals(bus) ? "lsilogic" : null));
                }
            }
        }
        boolean virtioSerial = b.channels.stream().anyMatch(c -> c.address() instanceof Address.VirtioSerial)
                || b.consoles.stream().anyMatch(c -> c.target() != null && "virtio".equals(c.target().type()));
        if (virtioSerial && !hasType(cs, "virtio-serial")) {
            cs.add(controller("virtio-serial", 0, null));
        }
        b.controllers = cs;
        if (!b.graphics.isEmpty()) {
            if (b.inputs.stream().noneMatch(i -> "mouse".equals(i.type()) && "ps2".equals(i.bus()))) {
                b.inputs.add(new Input("mouse", "ps2", null));
            }
            if (b.inputs.stream().noneMatch(i -> "keyboard".equals(i.type()) && "ps2".equals(i.bus()))) {
                b.inputs.add(new Input("keyboard", "ps2", null));
            }
            if (b.videos.isEmpty()) {
                b.videos.add(new Video("cirrus", null, 16384, null, 1, true, null, null));
            }
        }
        if (b.memballoon == null) {
            b.memballoon = new Memballoon("virtio", null, null, null, null);
        }
    }

    /** Gives controllers without an index the root index (PCI roots) or the next free one of their type. */
    private static List<Controller> indexed(List<Controller> in) {
        List<Controller> out = new ArrayList<>(in);
        for (int i = 0; i < out.size(); i++) {
            Controller c = out.get(i);
            if (c.index() != null || c.type() == null) {
                continue;
            }
            int idx = 0;
            if ("usb".equals(c.type()) && c.masterStartport() != null) {
                idx = masterIndex(out, i); // a companion shares its master's index
            } else if (!"pci-root".equals(c.model()) && !"pcie-root".equals(c.model())) {
                while (has(out, c.type(), idx)) {
                    idx++;
                }
            }
            out.set(i, new Controller(c.type(), idx, c.model(), c.ports(), c.vectors(), c.driverQueues(),
                    c.driverIothread(), c.modelName(), c.targetChassis(), c.targetPort(), c.targetBusNr(),
                    c.masterStartport(), c.address()));
        }
        return out;
    }

    /** The index of the nearest USB controller before position {@code i} that is not itself a companion. */
    private static int masterIndex(List<Controller> cs, int i) {
        for (int j = i - 1; j >= 0; j--) {
            Controller c = cs.get(j);
            if ("usb".equals(c.type()) && c.masterStartport() == null) {
                return c.indexOrZero();
            }
        }
        return 0;
    }

    private static Controller controller(String type, int index, String model) {
        return new Controller(type, index, model, null, null, null, null, null, null, null, null, null, null);
    }

    static boolean has(List<Controller> cs, String type, int index) {
        return cs.stream().anyMatch(c -> type.equals(c.type()) && c.index() != null && c.index() == index);
    }

    private static boolean hasType(List<Controller> cs, String type) {
        return cs.stream().anyMatch(c -> type.equals(c.type()));
    }
}
