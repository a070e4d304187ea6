package dev.jvirt.virshcompat.imports;

import java.util.Map;
import java.util.Optional;

/**
 * What jvirt holds already, as the planner asks it: domains by name (UUID and the digest an
 * earlier import recorded), networks and pools by name (UUID); and jvirt's own verdict on a
 * domain definition ({@link Checks}).
 */
public record JvirtHoldings(Map<String, Held> domains, Map<String, String> networkUuids, Map<String, String> poolUuids) {

    /** A jvirt domain: its UUID and the digest of libvirt's XML it was imported from (null if not imported). */
    public record Held(String uuid, String importDigest) {}

    /** The checks that need jvirtd or the file system. */
    public interface Checks {
        /** Why jvirt cannot run this domain definition, or empty when it can. */
        Optional<String> refusal(String domainXml);

        /** Whether this user may read the file (a disk image, an NVRAM store). */
        boolean readable(String path);
    }

    public Optional<String> domainNamed(String uuid) {
        return domains.entrySet().stream().filter(e -> uuid.equalsIgnoreCase(e.getValue().uuid())).map(Map.Entry::getKey).findFirst();
    }
}
