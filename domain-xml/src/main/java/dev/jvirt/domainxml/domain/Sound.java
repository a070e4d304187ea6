package dev.jvirt.domainxml.domain;

/** {@code <sound model='ich9|ich6|ac97|es1370|sb16|usb'>}. */
public record Sound(String model, Address address) {
    /** A copy with another address. */
    public Sound withAddress(Address a) {
        return new Sound(model, a);
    }
}
