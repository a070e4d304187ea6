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
    List<Controller> cs = new ArrayList<>(b.controllers);
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

  private static Controller controller(String type, int index, String model) {
    return new Controller(type, index, model, null, null, null, null, null, null, null, null, null, null);
  }

  static boolean has(List<Controller> cs, String type, int index) {
    return cs.stream().anyMatch(c -> type.equals(c.type()) && c.indexOrZero() == index);
  }

  private static boolean hasType(List<Controller> cs, String type) {
    return cs.stream().anyMatch(c -> type.equals(c.type()));
  }
}
