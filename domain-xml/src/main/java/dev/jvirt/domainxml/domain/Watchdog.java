package dev.jvirt.domainxml.domain;

/** {@code <watchdog model='i6300esb|itco|ib700' action='reset|shutdown|poweroff|pause|none|dump|inject-nmi'>}. */
public record Watchdog(String model, String action, Address address) {
    /** A copy with another address. */
    public Watchdog withAddress(Address a) {
        return new Watchdog(model, action, a);
    }
}
