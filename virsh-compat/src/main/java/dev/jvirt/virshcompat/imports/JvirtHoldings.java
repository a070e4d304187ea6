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

        /** Whether this user may list and read the directory (libvirt's swtpm state of a domain). */
        default boolean directoryReadable(String path) {
            java.nio.file.Path p = java.nio.file.Path.of(path);
            return java.nio.file.Files.isDirectory(p) && java.nio.file.Files.isReadable(p) && java.nio.file.Files.isExecutable(p);
        }

        /** The size of a file this user may read, or -1 when it is not there (or not readable). */
        default long size(String path) {
            try {
                java.nio.file.Path p = java.nio.file.Path.of(path);
                return java.nio.file.Files.isReadable(p) ? java.nio.file.Files.size(p) : -1;
            } catch (java.io.IOException e) {
                return -1;
            }
        }
    }

    public Optional<String> domainNamed(String uuid) {
        return domains.entrySet().stream().filter(e -> uuid.equalsIgnoreCase(e.getValue().uuid())).map(Map.Entry::getKey).findFirst();
    }
}
