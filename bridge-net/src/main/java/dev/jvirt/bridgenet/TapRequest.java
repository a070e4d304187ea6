package dev.jvirt.bridgenet;

/**
 * What TAP to make.
 *
 * @param name the device name, or null for jvirt's next free {@code jvtapN}
 * @param bridge the bridge to attach it to, or null to leave it unattached
 * @param mtu the MTU, or null for the bridge's (1500 without a bridge)
 * @param guestMac the guest NIC's MAC, or null; the TAP gets it with the first byte {@code fe}
 *     (as libvirt does), so the bridge never takes the guest's address for its own
 * @param queues how many queues ({@code <driver queues>}): more than 1 opens the TAP multiqueue,
 *     one descriptor per queue
 * @param vhost whether to open {@code /dev/vhost-net} (one descriptor per queue) when it opens
 * @param persistent whether the TAP outlives its descriptors (for QEMU opening it by name);
 *     a non-persistent TAP goes when the last descriptor closes, so a crashed QEMU leaves none
 * @param ownerUid for a persistent TAP, the user who may open it (QEMU's), or null
 */
public record TapRequest(String name, String bridge, Integer mtu, String guestMac, int queues, boolean vhost,
        boolean persistent, Integer ownerUid) {

    /** The default TAP name template: the kernel picks the first free number. */
    public static final String JVIRT_TEMPLATE = "jvtap%d";

    public TapRequest {
        if (queues < 1 || queues > 256) {
            throw new IllegalArgumentException("queues must be 1 to 256, not " + queues);
        }
    }

    /** One queue, vhost when available, not persistent, named by jvirt, on {@code bridge}. */
    public static TapRequest on(String bridge) {
        return new TapRequest(null, bridge, null, null, 1, true, false, null);
    }

    public TapRequest withName(String n) {
        return new TapRequest(n, bridge, mtu, guestMac, queues, vhost, persistent, ownerUid);
    }

    public TapRequest withMtu(Integer m) {
        return new TapRequest(name, bridge, m, guestMac, queues, vhost, persistent, ownerUid);
    }

    public TapRequest withGuestMac(String mac) {
        return new TapRequest(name, bridge, mtu, mac, queues, vhost, persistent, ownerUid);
    }

    public TapRequest withQueues(int q) {
        return new TapRequest(name, bridge, mtu, guestMac, q, vhost, persistent, ownerUid);
    }

    public TapRequest withVhost(boolean v) {
        return new TapRequest(name, bridge, mtu, guestMac, queues, v, persistent, ownerUid);
    }

    public TapRequest withPersistent(boolean p, Integer owner) {
        return new TapRequest(name, bridge, mtu, guestMac, queues, vhost, p, owner);
    }
}
