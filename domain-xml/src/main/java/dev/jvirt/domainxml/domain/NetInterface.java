package dev.jvirt.domainxml.domain;

/**
 * {@code <interface type='user|network|bridge|direct'>}: a guest NIC.
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
        Boolean targetManaged) {

    /** The NIC without {@code <target managed>} (the form before it was modelled, kept for callers). */
    public NetInterface(String type, String mac, String sourceNetwork, String sourceBridge, String sourceDev,
            String sourceMode, String sourcePortgroup, String model, String driverName, Integer driverQueues,
            String targetDev, Integer mtu, String linkState, Integer bootOrder, Address address) {
        this(type, mac, sourceNetwork, sourceBridge, sourceDev, sourceMode, sourcePortgroup, model, driverName,
                driverQueues, targetDev, mtu, linkState, bootOrder, address, null);
    }

    /** A copy with another MAC. */
    public NetInterface withMac(String m) {
        return new NetInterface(type, m, sourceNetwork, sourceBridge, sourceDev, sourceMode, sourcePortgroup,
                model, driverName, driverQueues, targetDev, mtu, linkState, bootOrder, address, targetManaged);
    }

    /** A copy with another {@code <target dev>} (a running guest's: the TAP it got). */
    public NetInterface withTargetDev(String dev) {
        return new NetInterface(type, mac, sourceNetwork, sourceBridge, sourceDev, sourceMode, sourcePortgroup,
                model, driverName, driverQueues, dev, mtu, linkState, bootOrder, address, targetManaged);
    }

    /** A copy with another address. */
    public NetInterface withAddress(Address a) {
        return new NetInterface(type, mac, sourceNetwork, sourceBridge, sourceDev, sourceMode, sourcePortgroup,
                model, driverName, driverQueues, targetDev, mtu, linkState, bootOrder, a, targetManaged);
    }
}
