package dev.jvirt.domainxml.network;

import dev.jvirt.domainxml.Uuids;
import java.security.SecureRandom;
import java.util.Random;

/** Fills a network's UUID and, for networks jvirt creates a bridge for, the bridge MAC and STP settings. */
public final class NetworkDefaults {
    private static final Random SECURE = new SecureRandom();

    private NetworkDefaults() {}

    /** Fills defaults with a secure random source. */
    public static Network fill(Network n) {
        return fill(n, SECURE);
    }

    /** Fills defaults with the given random source; present values are kept. */
    public static Network fill(Network n, Random random) {
        String uuid = n.uuid() != null ? Uuids.normalise(n.uuid()) : Uuids.random(random);
        boolean ownBridge = !"bridge".equals(n.forwardMode()) && ("none".equals(n.forwardMode())
                || "nat".equals(n.forwardMode()) || "route".equals(n.forwardMode()) || "open".equals(n.forwardMode()));
        String mac = n.mac();
        Network.Bridge bridge = n.bridge();
        if (ownBridge) {
            if (mac == null) {
                mac = String.format("52:54:00:%02x:%02x:%02x", random.nextInt(256), random.nextInt(256), random.nextInt(256));
            }
            if (bridge != null && (bridge.stp() == null || bridge.delay() == null)) {
                bridge = new Network.Bridge(bridge.name(), bridge.stp() == null ? Boolean.TRUE : bridge.stp(),
                        bridge.delay() == null ? 0 : bridge.delay());
            }
        }
        return new Network(n.name(), uuid, n.metadata(), n.forward(), bridge, n.mtu(), mac, n.domainName(),
                n.domainLocalOnly(), n.dns(), n.ips());
    }
}
