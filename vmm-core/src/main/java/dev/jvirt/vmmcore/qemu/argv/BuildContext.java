package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Address;
import dev.jvirt.domainxml.domain.Controller;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.vmmcore.HostCapabilities;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import java.util.List;

/** Everything one command-line build reads: the inputs and what is derived from them once. */
final class BuildContext {

    final Domain def;
    final HostCapabilities caps;
    final GuestPaths paths;
    final LaunchOptions options;
    /** The concrete machine type, aliases resolved, e.g. {@code pc-q35-7.2}. */
    final String machine;
    final boolean q35;
    final PciPlacement pci;
    final BootOrder boot;
    final Controllers controllers;

    BuildContext(Domain def, HostCapabilities caps, GuestPaths paths, LaunchOptions options) {
        this.def = def;
        this.caps = caps;
        this.paths = paths;
        this.options = options;
        String requested = def.os() == null || def.os().machine() == null ? "pc" : def.os().machine();
        this.machine = caps.resolveMachine(requested);
        if (!caps.machines().isEmpty() && !caps.machines().contains(machine)) {
            throw new CommandLineException("machine '" + requested + "'",
                    "is not known to " + caps.emulator() + " (QEMU " + caps.qemuVersion() + ")");
        }
        this.q35 = machine.contains("q35");
        if (!q35 && !machine.startsWith("pc")) {
            throw new CommandLineException("machine '" + requested + "'", "is not supported; use pc (i440fx) or q35");
        }
        List<Controller> ctrls = def.devices().controllers();
        this.pci = new PciPlacement(q35, ctrls);
        this.boot = BootOrder.of(def);
        this.controllers = new Controllers(this);
    }

    /** Places a PCI device. */
    void placePci(ObjectNode dev, Address address, String what) {
        pci.place(dev, address, what);
    }

    /** Fails unless the emulator has this device type (when the capabilities list device types). */
    void requireDeviceType(String type, String what) {
        if (!caps.deviceTypes().isEmpty() && !caps.deviceTypes().contains(type)) {
            throw new CommandLineException(what, "needs QEMU device '" + type + "', which " + caps.emulator() + " does not have");
        }
    }
}
