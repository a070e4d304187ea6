package dev.jvirt.bridgenet;

/**
 * What a started network put on the host, kept in the runtime dir ({@code NAME.json}) from the
 * first step on, so that a later process can adopt the network or, after a crash in the middle
 * of a start, remove what was made.
 *
 * @param name the network
 * @param uuid its UUID
 * @param state {@code starting} until every step is done, then {@code active}
 * @param mode {@code nat}, {@code route}, {@code open}, {@code isolated} or {@code bridge}
 * @param bridge the bridge the network's guests attach to
 * @param bridgeCreated whether jvirt created the bridge (and so deletes it at stop)
 * @param nftTable the {@code inet} table jvirt added, or null
 * @param dnsmasqPid dnsmasq's pid, or null when none runs
 * @param dnsmasqConf dnsmasq's configuration file (it identifies jvirt's dnsmasq in its argv)
 * @param leaseFile dnsmasq's lease file, or null without DHCP
 * @param definition the network XML it was started with
 */
public record NetworkRecord(String name, String uuid, String state, String mode, String bridge, boolean bridgeCreated,
        String nftTable, Long dnsmasqPid, String dnsmasqConf, String leaseFile, String definition) {

    static final String STARTING = "starting";
    static final String ACTIVE = "active";

    NetworkRecord withBridgeCreated() {
        return new NetworkRecord(name, uuid, state, mode, bridge, true, nftTable, dnsmasqPid, dnsmasqConf, leaseFile,
                definition);
    }

    NetworkRecord withNftTable(String table) {
        return new NetworkRecord(name, uuid, state, mode, bridge, bridgeCreated, table, dnsmasqPid, dnsmasqConf,
                leaseFile, definition);
    }

    NetworkRecord withDnsmasq(long pid, String conf, String leases) {
        return new NetworkRecord(name, uuid, state, mode, bridge, bridgeCreated, nftTable, pid, conf, leases,
                definition);
    }

    NetworkRecord withDnsmasqConf(String conf, String leases) {
        return new NetworkRecord(name, uuid, state, mode, bridge, bridgeCreated, nftTable, dnsmasqPid, conf, leases,
                definition);
    }

    NetworkRecord withDefinition(String xml) {
        return new NetworkRecord(name, uuid, state, mode, bridge, bridgeCreated, nftTable, dnsmasqPid, dnsmasqConf,
                leaseFile, xml);
    }

    NetworkRecord active() {
        return new NetworkRecord(name, uuid, ACTIVE, mode, bridge, bridgeCreated, nftTable, dnsmasqPid, dnsmasqConf,
                leaseFile, definition);
    }
}
