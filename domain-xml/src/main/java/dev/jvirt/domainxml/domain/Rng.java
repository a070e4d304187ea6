package dev.jvirt.domainxml.domain;

/**
 * {@code <rng model='virtio'><rate bytes period/><backend model='random'>/dev/urandom</backend></rng>}.
 *
 * @param model model (virtio)
 * @param rateBytes {@code <rate bytes>}, or null
 * @param ratePeriod {@code <rate period>} ms, or null
 * @param backendModel {@code random} or {@code builtin}
 * @param backendPath device for the random backend, or null
 * @param address {@code <address>}, or null
 */
public record Rng(String model, Integer rateBytes, Integer ratePeriod, String backendModel, String backendPath, Address address) {
    /** A copy with another address. */
    public Rng withAddress(Address a) {
        return new Rng(model, rateBytes, ratePeriod, backendModel, backendPath, a);
    }
}
