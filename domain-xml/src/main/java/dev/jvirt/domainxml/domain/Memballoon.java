package dev.jvirt.domainxml.domain;

/**
 * {@code <memballoon model='virtio|none'>}.
 *
 * @param model model
 * @param autodeflate on/off, or null
 * @param freePageReporting on/off, or null
 * @param statsPeriod {@code <stats period>} seconds, or null
 * @param address {@code <address>}, or null
 */
public record Memballoon(String model, Boolean autodeflate, Boolean freePageReporting, Integer statsPeriod, Address address) {
    /** A copy with another address. */
    public Memballoon withAddress(Address a) {
        return new Memballoon(model, autodeflate, freePageReporting, statsPeriod, a);
    }
}
