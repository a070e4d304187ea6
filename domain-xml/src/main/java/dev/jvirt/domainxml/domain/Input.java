package dev.jvirt.domainxml.domain;

/** {@code <input type='tablet|mouse|keyboard' bus='usb|ps2|virtio'>}. */
public record Input(String type, String bus, Address address) {
    /** A copy with another address. */
    public Input withAddress(Address a) {
        return new Input(type, bus, a);
    }
}
