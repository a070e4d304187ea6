package dev.jvirt.domainxml.pool;

import dev.jvirt.domainxml.Uuids;
import java.security.SecureRandom;
import java.util.Random;

/** Fills a pool's UUID and, for logical pools, the target path {@code /dev/VG} as libvirt does. */
public final class PoolDefaults {
    private static final Random SECURE = new SecureRandom();

    private PoolDefaults() {}

    /** Fills defaults with a secure random source. */
    public static StoragePool fill(StoragePool p) {
        return fill(p, SECURE);
    }

    /** Fills defaults with the given random source; present values are kept. */
    public static StoragePool fill(StoragePool p, Random random) {
        String uuid = p.uuid() == null ? Uuids.random(random) : Uuids.normalise(p.uuid());
        String target = p.targetPath();
        if (target == null && "logical".equals(p.type())) {
            String vg = p.source() != null && p.source().name() != null ? p.source().name() : p.name();
            target = "/dev/" + vg;
        }
        return new StoragePool(p.type(), p.name(), uuid, p.capacityBytes(), p.allocationBytes(), p.availableBytes(),
                p.source(), target, p.targetPermissions());
    }
}
