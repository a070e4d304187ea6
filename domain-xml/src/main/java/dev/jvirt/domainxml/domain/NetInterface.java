package dev.jvirt.domainxml.domain;

import java.util.List;

/**
 * {@code <interface type='user|network|bridge|direct|ethernet'>}: a guest NIC.
 *
 * @param type how the NIC reaches the host
 * @param mac {@code <mac address>} (lower case after defaults), or null
 * @param sourceNetwork {@code <source network>} for type network, or null
 * @param sourceBridge {@code <source bridge>} for type bridge, or null
 * @param sourceDev {@code <source dev>} for type direct, or null
 * @param sourceMode {@code <source mode>} for type direct ({@code bridge|vepa|private|passthrough}), or null
 * @param sourcePortgroup {@code <source portgroup>}, or null
 * @param model {@code <model type>}, e.g. virtio, e1000e, or null
 * @param driverName {@code <driver name='vhost|qemu'>}, or null
 * @param driverQueues {@code <driver queues>}, or null
 * @param targetDev {@code <target dev>} host TAP name, or null
 * @param mtu {@code <mtu size>}, or null
 * @param linkState {@code <link state='up|down'>}, or null
 * @param bootOrder {@code <boot order>}, or null
 * @param address {@code <address>}, or null
 * @param targetManaged {@code <target managed='yes|no'>}: whether libvirt (jvirt) creates the TAP, or null
 * @param backend {@code <backend type='default|passt' logFile>} of a {@code type='user'} NIC, or null
 * @param portForwards {@code <portForward>}s of a passt NIC (host ports forwarded to the guest), in document order
 */
public record NetInterface(
        String type,
        String mac,
        String sourceNetwork,
        String sourceBridge,
        String sourceDev,
        String sourceMode,
        String sourcePortgroup,
        String model,
        String driverName,
        Integer driverQueues,
        String targetDev,
        Integer mtu,
        String linkState,
        Integer bootOrder,
        Address address,
        Boolean targetManaged,
        Backend backend,
        List<PortForward> portForwards) {

    /** {@code <backend type logFile>}: which user-mode stack serves a {@code type='user'} NIC. */
    public record Backend(String type, String logFile) {
        /** Whether this is {@code passt} (else QEMU's own user networking, slirp). */
        public boolean passt() {
            return "passt".equals(type);
        }
    }

    /**
     * {@code <portForward proto address dev>}: host ports passt forwards to the guest.
     *
     * @param proto {@code tcp} or {@code udp}
     * @param address the host address to bind, or null (all)
     * @param dev the host interface to bind, or null
     * @param ranges its {@code <range>}s; none means every port
     */
    public record PortForward(String proto, String address, String dev, List<Range> ranges) {
        public PortForward {
            ranges = ranges == null ? List.of() : List.copyOf(ranges);
        }
    }

    /** {@code <range start end to exclude>}: ports start..end (end may be null) to guest port {@code to}. */
    public record Range(Integer start, Integer end, Integer to, Boolean exclude) {
    }

    public NetInterface {
        portForwards = portForwards == null ? List.of() : List.copyOf(portForwards);
    }

    /** The NIC without a {@code <backend>} or {@code <portForward>}. */
    public NetInterface(String type, String mac, String sourceNetwork, String sourceBridge, String sourceDev,
            String sourceMode, String sourcePortgroup, String model, String driverName, Integer driverQueues,
            String targetDev, Integer mtu, String linkState, Integer bootOrder, Address address, Boolean targetManaged) {
        this(type, mac, sourceNetwork, sourceBridge, sourceDev, sourceMode, sourcePortgroup, model, driverName,
                driverQueues, targetDev, mtu, linkState, bootOrder, address, targetManaged, null, List.of());
    }

    /** Whether this is a {@code type='user'} NIC served by passt ({@code <backend type='passt'/>}). */
    public boolean passt() {
        return "user".equals(type) && backend != null && backend.passt();
    }

    /** The NIC without {@code <target managed>} (the form before it was modelled, kept for callers). */
    public NetInterface(String type, String mac, String sourceNetwork, String sourceBridge, String sourceDev,
            String sourceMode, String sourcePortgroup, String model, String driverName, Integer driverQueues,
            String targetDev, Integer mtu, String linkState, Integer bootOrder, Address address) {
        this(type, mac, sourceNetwork, sourceBridge, sourceDev, sourceMode, sourcePortgroup, model, driverName,
                driverQueues, targetDev, mtu, linkState, bootOrder, address, null, null, List.of());
    }

    /** A copy with another MAC. */
    public NetInterface withMac(String m) {
        return new NetInterface(type, m, sourceNetwork, sourceBridge, sourceDev, sourceMode, sourcePortgroup,
                model, driverName, driverQueues, targetDev, mtu, linkState, bootOrder, address, targetManaged, backend, portForwards);
    }

    /** A copy with another {@code <target dev>} (a running guest's: the TAP it got). */
    public NetInterface withTargetDev(String dev) {
        return new NetInterface(type, mac, sourceNetwork, sourceBridge, sourceDev, sourceMode, sourcePortgroup,
                model, driverName, driverQueues, dev, mtu, linkState, bootOrder, address, targetManaged, backend, portForwards);
    }

    /** A copy with another address. */
    public NetInterface withAddress(Address a) {
        return new NetInterface(type, mac, sourceNetwork, sourceBridge, sourceDev, sourceMode, sourcePortgroup,
                model, driverName, driverQueues, targetDev, mtu, linkState, bootOrder, a, targetManaged, backend, portForwards);
    }
}
