package dev.jvirt.domainxml.domain;

/**
 * A device {@code <address>}. PCI addresses are the ones defaults assign; the others are kept
 * as given.
 */
public sealed interface Address
        permits Address.Pci, Address.Drive, Address.VirtioSerial, Address.Usb, Address.Isa {

    /** The {@code type} attribute. */
    String type();

    /** {@code <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>}. */
    record Pci(int domain, int bus, int slot, int function, Boolean multifunction) implements Address {
        @Override
        public String type() {
            return "pci";
        }

        /** True when both addresses name the same function. */
        public boolean sameFunction(Pci o) {
            return domain == o.domain && bus == o.bus && slot == o.slot && function == o.function;
        }
    }

    /** {@code <address type='drive' controller='0' bus='0' target='0' unit='0'/>}. */
    record Drive(Integer controller, Integer bus, Integer target, Integer unit) implements Address {
        @Override
        public String type() {
            return "drive";
        }
    }

    /** {@code <address type='virtio-serial' controller='0' bus='0' port='1'/>}. */
    record VirtioSerial(Integer controller, Integer bus, Integer port) implements Address {
        @Override
        public String type() {
            return "virtio-serial";
        }
    }

    /** {@code <address type='usb' bus='0' port='1'/>}; port is a dotted path such as {@code 1.2}. */
    record Usb(Integer bus, String port) implements Address {
        @Override
        public String type() {
            return "usb";
        }
    }

    /** {@code <address type='isa' iobase='0x505' irq='0x7'/>}. */
    record Isa(String iobase, String irq) implements Address {
        @Override
        public String type() {
            return "isa";
        }
    }
}
