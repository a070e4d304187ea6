package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Address;
import dev.jvirt.domainxml.domain.Controller;
import java.util.List;

/**
 * Turns a device's {@code <address type='pci'>} into {@code bus}/{@code addr} properties: bus 0
 * is the machine's root ({@code pci.0} on i440fx, {@code pcie.0} on Q35), bus N is the PCI
 * controller with index N ({@code pci.N}). A device without an address gets neither property
 * and QEMU picks a free slot.
 */
final class PciPlacement {

    private final String rootBus;
    private final List<Controller> controllers;

    PciPlacement(boolean q35, List<Controller> controllers) {
        this.rootBus = q35 ? "pcie.0" : "pci.0";
        this.controllers = controllers;
    }

    /** {@code pci.0} or {@code pcie.0}. */
    String rootBus() {
        return rootBus;
    }

    /** Adds bus/multifunction/addr to a PCI device's properties. */
    void place(ObjectNode dev, Address address, String what) {
        if (address == null) {
            return;
        }
        if (!(address instanceof Address.Pci pci)) {
            throw new CommandLineException(what, "is a PCI device but has an address of type '" + address.type() + "'");
        }
        if (pci.domain() != 0) {
            throw new CommandLineException(what, "PCI domain " + pci.domain() + " does not exist; use domain 0");
        }
        dev.put("bus", bus(pci.bus(), what));
        if (Boolean.TRUE.equals(pci.multifunction())) {
            dev.put("multifunction", true);
        }
        dev.put("addr", pci.function() == 0
                ? "0x" + Integer.toHexString(pci.slot())
                : "0x" + Integer.toHexString(pci.slot()) + ".0x" + Integer.toHexString(pci.function()));
    }

    private String bus(int bus, String what) {
        if (bus == 0) {
            return rootBus;
        }
        for (Controller c : controllers) {
            if ("pci".equals(c.type()) && c.indexOrZero() == bus) {
                return "pci." + bus;
            }
        }
        throw new CommandLineException(what, "is on PCI bus " + bus + ", but there is no <controller type='pci' index='" + bus + "'>");
    }
}
