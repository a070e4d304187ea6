package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Address;
import dev.jvirt.domainxml.domain.CharDevice;
import dev.jvirt.domainxml.domain.Controller;
import dev.jvirt.domainxml.domain.Devices;
import dev.jvirt.domainxml.domain.Disk;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The domain's controllers: their {@code -device}s and the bus names other devices attach to.
 * A controller that devices need but the definition lacks (a virtio-serial controller for a
 * channel, a virtio-scsi controller for a SCSI disk, ...) is added with QEMU choosing its PCI
 * slot, as libvirt would add it during defaults.
 */
final class Controllers {

    private final BuildContext ctx;
    private final List<Controller> declared;
    private final List<DeviceSpec> implicit = new ArrayList<>();

    Controllers(BuildContext ctx) {
        this.ctx = ctx;
        this.declared = ctx.def.devices().controllers();
        addImplicit(ctx.def.devices());
    }

    /** Controller devices in creation order: PCI controllers by index, then the others as written, then implicit ones. */
    List<DeviceSpec> specs() {
        List<DeviceSpec> out = new ArrayList<>();
        declared.stream().filter(c -> "pci".equals(c.type()))
                .sorted((a, b) -> Integer.compare(a.indexOrZero(), b.indexOrZero()))
                .map(this::pci).filter(Objects::nonNull).forEach(out::add);
        declared.stream().filter(c -> !"pci".equals(c.type()))
                .map(this::other).filter(Objects::nonNull).forEach(out::add);
        out.addAll(implicit);
        return out;
    }

    /** The bus of a SATA disk: the Q35 built-in AHCI is {@code ide.U}, an added one {@code sataN.U}. */
    String sataBus(int ctrl, int unit, String what) {
        require("sata", ctrl, what);
        return (ctx.q35 && ctrl == 0 ? "ide." : "sata" + ctrl + ".") + unit;
    }

    /** The bus of an IDE disk: the i440fx built-in controller's {@code ide.B}. */
    String ideBus(int ctrl, int bus, String what) {
        if (ctx.q35) {
            throw new CommandLineException(what, "machine q35 has no IDE bus; use bus='sata'");
        }
        if (ctrl != 0 || bus > 1) {
            throw new CommandLineException(what, "the i440fx IDE controller has buses 0 and 1 only");
        }
        return "ide." + bus;
    }

    String scsiBus(int ctrl, String what) {
        require("scsi", ctrl, what);
        return "scsi" + ctrl + ".0";
    }

    String usbBus(int ctrl, String what) {
        Controller c = find("usb", ctrl);
        if (c != null && "none".equals(c.model())) {
            throw new CommandLineException(what, "needs a USB controller, but the definition has <controller type='usb' model='none'>");
        }
        require("usb", ctrl, what);
        return usbId(ctrl) + ".0";
    }

    String virtioSerialBus(int ctrl, String what) {
        require("virtio-serial", ctrl, what);
        return "virtio-serial" + ctrl + ".0";
    }

    private void require(String type, int index, String what) {
        if (find(type, index) == null && !(index == 0 && hasImplicit(type))) {
            throw new CommandLineException(what, "needs <controller type='" + type + "' index='" + index + "'>, which the definition lacks");
        }
    }

    private Controller find(String type, int index) {
        for (Controller c : declared) {
            if (type.equals(c.type()) && c.indexOrZero() == index && c.masterStartport() == null) {
                return c;
            }
        }
        return null;
    }

    private boolean hasImplicit(String type) {
        return switch (type) {
            case "sata" -> ctx.q35 || implicit.stream().anyMatch(s -> s.id().equals("sata0"));
            case "usb" -> implicit.stream().anyMatch(s -> s.id().equals("usb"));
            case "scsi" -> implicit.stream().anyMatch(s -> s.id().equals("scsi0"));
            case "virtio-serial" -> implicit.stream().anyMatch(s -> s.id().equals("virtio-serial0"));
            default -> false;
        };
    }

    private void addImplicit(Devices d) {
        boolean usb = d.inputs().stream().anyMatch(i -> "usb".equals(i.bus()))
                || d.disks().stream().anyMatch(x -> "usb".equals(bus(x)))
                || d.serials().stream().anyMatch(s -> s.target() != null && "usb-serial".equals(s.target().type()))
                || d.sounds().stream().anyMatch(s -> "usb".equals(s.model()))
                || !d.redirdevs().isEmpty();
        if (usb && find("usb", 0) == null) {
            implicit.add(DeviceSpec.of("usb", usbDevice(ctx.q35 ? "qemu-xhci" : "piix3-usb-uhci", "usb")));
        }
        if (d.disks().stream().anyMatch(x -> "sata".equals(bus(x))) && !ctx.q35 && find("sata", 0) == null) {
            implicit.add(DeviceSpec.of("sata0", device("ahci", "sata0")));
        }
        if (d.disks().stream().anyMatch(x -> "scsi".equals(bus(x))) && find("scsi", 0) == null) {
            implicit.add(DeviceSpec.of("scsi0", device("virtio-scsi-pci", "scsi0")));
        }
        boolean serialPorts = !d.channels().isEmpty()
                || d.consoles().stream().anyMatch(Controllers::isVirtioConsole);
        if (serialPorts && find("virtio-serial", 0) == null) {
            implicit.add(DeviceSpec.of("virtio-serial0", device("virtio-serial-pci", "virtio-serial0")));
        }
    }

    static boolean isVirtioConsole(CharDevice c) {
        return c.target() != null && "virtio".equals(c.target().type());
    }

    private static String bus(Disk d) {
        return d.target() == null ? null : d.target().bus();
    }

    private DeviceSpec pci(Controller c) {
        String what = "controller pci index " + c.indexOrZero();
        String model = c.model() == null ? (c.indexOrZero() == 0 ? (ctx.q35 ? "pcie-root" : "pci-root") : "") : c.model();
        if (c.indexOrZero() == 0) {
            if (!model.equals(ctx.q35 ? "pcie-root" : "pci-root")) {
                throw new CommandLineException(what, "machine " + ctx.machine + " has root " + (ctx.q35 ? "pcie-root" : "pci-root") + ", not '" + model + "'");
            }
            return null;
        }
        String id = "pci." + c.indexOrZero();
        ObjectNode dev;
        switch (model) {
            case "pcie-root-port" -> {
                requireQ35(what, model);
                dev = device("pcie-root-port", null);
                dev.put("port", c.targetPort() != null ? c.targetPort() : portOf(c.address()));
                dev.put("chassis", c.targetChassis() != null ? c.targetChassis() : c.indexOrZero());
                dev.put("id", id);
            }
            case "pci-bridge" -> {
                dev = device("pci-bridge", null);
                dev.put("chassis_nr", c.targetChassis() != null ? c.targetChassis() : c.indexOrZero());
                dev.put("id", id);
            }
            case "pcie-to-pci-bridge" -> {
                requireQ35(what, model);
                dev = device("pcie-pci-bridge", id);
            }
            default -> throw new CommandLineException(what, "model '" + model + "' is not supported; use pcie-root-port, pci-bridge or pcie-to-pci-bridge");
        }
        ctx.placePci(dev, c.address(), what);
        return DeviceSpec.of(id, dev);
    }

    private void requireQ35(String what, String model) {
        if (!ctx.q35) {
            throw new CommandLineException(what, "model '" + model + "' needs a PCI Express machine (q35)");
        }
    }

    private static int portOf(Address a) {
        return a instanceof Address.Pci p ? (p.slot() << 3) + p.function() : 0;
    }

    private DeviceSpec other(Controller c) {
        int idx = c.indexOrZero();
        String what = "controller " + c.type() + " index " + idx;
        ObjectNode dev;
        switch (c.type()) {
            case "usb" -> {
                String model = c.model() == null ? (ctx.q35 ? "qemu-xhci" : "piix3-uhci") : c.model();
                String driver = switch (model) {
                    case "none" -> null;
                    case "piix3-uhci" -> "piix3-usb-uhci";
                    case "piix4-uhci" -> "piix4-usb-uhci";
                    case "ehci" -> "usb-ehci";
                    case "ich9-ehci1" -> "ich9-usb-ehci1"; // what virt-install writes for pc machines too
                    case "qemu-xhci" -> "qemu-xhci";
                    case "nec-xhci" -> "nec-usb-xhci";
                    case "ich9-uhci1", "ich9-uhci2", "ich9-uhci3" -> "ich9-usb-uhci" + model.charAt(model.length() - 1);
                    case "pci-ohci" -> "pci-ohci";
                    default -> throw new CommandLineException(what, "model '" + model + "' is not supported; use qemu-xhci, nec-xhci, "
                            + "ehci, ich9-ehci1 (with ich9-uhci1..3 companions), piix3-uhci, piix4-uhci, pci-ohci or none");
                };
                if (driver == null) {
                    return null;
                }
                if (model.startsWith("ich9-uhci")) {
                    // a companion of the EHCI controller with the same index: no bus of its own
                    if (c.masterStartport() == null) {
                        throw new CommandLineException(what + " model '" + model + "'",
                                "is a companion controller and needs <master startport='N'/> naming its EHCI's first port");
                    }
                    dev = device(driver, null);
                    dev.put("masterbus", usbId(idx) + ".0");
                    dev.put("firstport", c.masterStartport());
                    ctx.requireDeviceType(driver, what);
                    ctx.placePci(dev, c.address(), what);
                    return DeviceSpec.of(usbId(idx) + "-" + model, dev);
                }
                dev = usbDevice(driver, usbId(idx));
                if (c.ports() != null && driver.endsWith("xhci")) {
                    dev.put("p2", c.ports());
                    dev.put("p3", c.ports());
                }
            }
            case "scsi" -> {
                String model = c.model() == null ? "virtio-scsi" : c.model();
                String driver = switch (model) {
                    case "virtio-scsi" -> "virtio-scsi-pci";
                    case "lsilogic" -> "lsi53c895a";
                    default -> throw new CommandLineException(what, "model '" + model + "' is not supported; use virtio-scsi or lsilogic");
                };
                dev = device(driver, "scsi" + idx);
                if (c.driverQueues() != null) {
                    dev.put("num_queues", c.driverQueues());
                }
                if (c.driverIothread() != null) {
                    if (ctx.def.iothreads() == null || c.driverIothread() < 1 || c.driverIothread() > ctx.def.iothreads()) {
                        throw new CommandLineException(what, "iothread " + c.driverIothread() + " does not exist; <iothreads> says "
                                + ctx.def.iothreads());
                    }
                    dev.put("iothread", "iothread" + c.driverIothread());
                }
            }
            case "sata" -> {
                if (ctx.q35 && idx == 0) {
                    return null;
                }
                dev = device("ahci", "sata" + idx);
            }
            case "ide" -> {
                if (ctx.q35 || idx != 0) {
                    throw new CommandLineException(what, "only the i440fx built-in IDE controller (index 0) exists; use SATA");
                }
                return null;
            }
            case "virtio-serial" -> {
                dev = device("virtio-serial-pci", "virtio-serial" + idx);
                if (c.ports() != null) {
                    dev.put("max_ports", c.ports());
                }
                if (c.vectors() != null) {
                    dev.put("vectors", c.vectors());
                }
            }
            default -> throw new CommandLineException(what, "controller type '" + c.type() + "' is not supported");
        }
        ctx.requireDeviceType(dev.get("driver").asText(), what);
        ctx.placePci(dev, c.address(), what);
        return DeviceSpec.of(dev.get("id").asText(), dev);
    }

    private static String usbId(int idx) {
        return idx == 0 ? "usb" : "usb" + idx;
    }

    private static ObjectNode usbDevice(String driver, String id) {
        return device(driver, id);
    }

    private static ObjectNode device(String driver, String id) {
        ObjectNode dev = Json.object();
        dev.put("driver", driver);
        if (id != null) {
            dev.put("id", id);
        }
        return dev;
    }
}
