package dev.jvirt.domainxml.domain;

/**
 * {@code <filesystem type='mount' accessmode='passthrough'>}: a host directory shared with the
 * guest over virtiofs or 9p.
 *
 * @param type {@code mount} (null means mount)
 * @param accessmode {@code passthrough|mapped|squash}, or null
 * @param driverType {@code virtiofs} or {@code path} (9p), or null
 * @param driverQueue virtiofs queue size, or null
 * @param sourceDir host directory
 * @param targetDir mount tag seen by the guest
 * @param readonly {@code <readonly/>}
 * @param address {@code <address>}, or null
 */
public record Filesystem(
        String type,
        String accessmode,
        String driverType,
        Integer driverQueue,
        String sourceDir,
        String targetDir,
        boolean readonly,
        Address address) {

    /** True when shared with virtiofs. */
    public boolean isVirtiofs() {
        return "virtiofs".equals(driverType);
    }

    /** A copy with another address. */
    public Filesystem withAddress(Address a) {
        return new Filesystem(type, accessmode, driverType, driverQueue, sourceDir, targetDir, readonly, a);
    }
}
