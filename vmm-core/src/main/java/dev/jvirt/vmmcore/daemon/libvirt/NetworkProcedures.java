package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.libvirtwire.Protocol;
import dev.jvirt.libvirtwire.VirError;
import dev.jvirt.libvirtwire.WireDomain;
import dev.jvirt.libvirtwire.WireNamed;
import dev.jvirt.libvirtwire.XdrWriter;
import dev.jvirt.vmmcore.NetworkInfo;
import dev.jvirt.vmmcore.NetworkLease;
import dev.jvirt.vmmcore.NoSuchNetworkException;
import dev.jvirt.vmmcore.VirtualNetworks;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Virtual networks over {@link VirtualNetworks} (the facade the REST network routes call): listing,
 * lookups, define/undefine/create, start/destroy, autostart, XML, bridge and DHCP leases. A network
 * argument ({@code remote_nonnull_network}) is found by its UUID. When jvirtd runs without networks
 * (they could not be opened), every network call answers VIR_ERR_NO_SUPPORT, as libvirtd answers
 * without a network driver.
 */
final class NetworkProcedures {
    /** virConnectListAllNetworksFlags. */
    private static final int INACTIVE = 1, ACTIVE = 2, PERSISTENT = 4, TRANSIENT = 8, AUTOSTART = 16, NO_AUTOSTART = 32;
    private static final int XML_INACTIVE = 1;
    /** virIPAddrType. */
    private static final int IPV4 = 0, IPV6 = 1;
    private final VirtualNetworks nets;

    NetworkProcedures(VirtualNetworks nets) {
        this.nets = nets;
    }

    void register(ProcedureTable t) {
        t.on("REMOTE_PROC_CONNECT_LIST_ALL_NETWORKS", c -> {
            boolean needResults = c.args().readInt() != 0;
            long flags = c.args().readUnsigned();
            c.argsDone();
            List<NetworkInfo> all = nets.list().stream().filter(n -> matches(n, flags)).toList();
            XdrWriter w = c.ret();
            w.writeInt(needResults ? all.size() : 0);
            if (needResults) {
                all.forEach(n -> wire(n).write(w));
            }
            w.writeUnsigned(all.size());
        });
        t.on("REMOTE_PROC_CONNECT_NUM_OF_NETWORKS", c -> c.ret().writeInt(count(NetworkInfo::active)));
        t.on("REMOTE_PROC_CONNECT_NUM_OF_DEFINED_NETWORKS", c -> c.ret().writeInt(count(n -> !n.active())));
        t.on("REMOTE_PROC_CONNECT_LIST_NETWORKS", c -> names(c, NetworkInfo::active));
        t.on("REMOTE_PROC_CONNECT_LIST_DEFINED_NETWORKS", c -> names(c, n -> !n.active()));
        t.on("REMOTE_PROC_NETWORK_LOOKUP_BY_NAME", c -> {
            String name = c.args().readString();
            c.argsDone();
            NetworkInfo n = nets.list().stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> noNetwork("no network with matching name '" + name + "'"));
            wire(n).write(c.ret());
        });
        t.on("REMOTE_PROC_NETWORK_LOOKUP_BY_UUID", c -> {
            UUID uuid = WireDomain.uuid(c.args().readFixedOpaque(Protocol.UUID_LEN));
            c.argsDone();
            wire(byUuid(uuid).orElseThrow(() -> noNetwork("no network with matching uuid '" + uuid + "'"))).write(c.ret());
        });
        t.on("REMOTE_PROC_NETWORK_GET_XML_DESC", c -> {
            String name = networkName(c);
            long flags = c.args().readUnsigned();
            c.argsDone();
            c.ret().writeString(nets.xml(name, (flags & XML_INACTIVE) != 0));
        });
        t.on("REMOTE_PROC_NETWORK_IS_ACTIVE", c -> c.ret().writeInt(nets.info(networkArg(c)).active() ? 1 : 0));
        t.on("REMOTE_PROC_NETWORK_IS_PERSISTENT", c -> c.ret().writeInt(nets.info(networkArg(c)).persistent() ? 1 : 0));
        t.on("REMOTE_PROC_NETWORK_GET_AUTOSTART", c -> c.ret().writeInt(nets.info(networkArg(c)).autostart() ? 1 : 0));
        t.on("REMOTE_PROC_NETWORK_GET_BRIDGE_NAME", c -> {
            NetworkInfo n = nets.info(networkArg(c));
            if (n.bridge() == null) {
                throw new LibvirtException(VirError.INTERNAL_ERROR, VirError.FROM_NETWORK,
                        "internal error: network '" + n.name() + "' does not have a bridge name.");
            }
            c.ret().writeString(n.bridge());
        });
        t.on("REMOTE_PROC_NETWORK_CREATE", c -> nets.start(networkArg(c)));
        t.on("REMOTE_PROC_NETWORK_DESTROY", c -> nets.destroy(networkArg(c), false));
        t.on("REMOTE_PROC_NETWORK_UNDEFINE", c -> nets.undefine(networkArg(c)));
        t.on("REMOTE_PROC_NETWORK_SET_AUTOSTART", c -> {
            String name = networkName(c);
            boolean on = c.args().readInt() != 0;
            c.argsDone();
            nets.setAutostart(name, on);
        });
        t.on("REMOTE_PROC_NETWORK_DEFINE_XML", c -> {
            String xml = c.args().readString();
            c.argsDone();
            wire(nets.define(xml)).write(c.ret());
        });
        t.on("REMOTE_PROC_NETWORK_CREATE_XML", c -> {
            String xml = c.args().readString();
            c.argsDone();
            wire(nets.create(xml)).write(c.ret());
        });
        t.on("REMOTE_PROC_NETWORK_GET_DHCP_LEASES", c -> {
            String name = networkName(c);
            String mac = c.args().readOptionalString();
            boolean needResults = c.args().readInt() != 0;
            c.args().readUnsigned();
            c.argsDone();
            NetworkInfo n = nets.info(name);
            List<NetworkLease> leases = n.active() ? nets.leases(name, mac) : List.of(); // libvirt: none while inactive
            XdrWriter w = c.ret();
            w.writeInt(needResults ? leases.size() : 0);
            if (needResults) {
                for (NetworkLease l : leases) {
                    w.writeString(n.bridge() == null ? "" : n.bridge())
                            .writeHyper(l.expiry() == null ? 0 : l.expiry().getEpochSecond())
                            .writeInt(l.type().equals("ipv6") ? IPV6 : IPV4)
                            .writeOptionalString(l.mac()).writeOptionalString(l.iaid()).writeString(l.ip())
                            .writeUnsigned(Math.max(l.prefix(), 0)).writeOptionalString(l.hostname())
                            .writeOptionalString(l.clientId());
                }
            }
            w.writeUnsigned(leases.size());
        });
    }

    private static WireNamed wire(NetworkInfo n) {
        return new WireNamed(n.name(), n.uuid() == null ? new UUID(0, 0) : UUID.fromString(n.uuid()));
    }

    private java.util.Optional<NetworkInfo> byUuid(UUID uuid) {
        return nets.list().stream().filter(n -> n.uuid() != null && UUID.fromString(n.uuid()).equals(uuid)).findFirst();
    }

    /** The name of the network a {@code remote_nonnull_network} argument names, by its UUID. */
    private String networkName(Call c) {
        WireNamed w = WireNamed.read(c.args());
        try {
            NetworkInfo n = nets.info(w.uuid().toString());
            return n.name();
        } catch (NoSuchNetworkException e) {
            throw noNetwork("no network with matching uuid '" + w.uuid() + "' (" + w.name() + ")");
        }
    }

    private String networkArg(Call c) {
        String name = networkName(c);
        c.argsDone();
        return name;
    }

    static LibvirtException noNetwork(String how) {
        return new LibvirtException(VirError.NO_NETWORK, VirError.FROM_NETWORK, "Network not found: " + how);
    }

    private int count(Predicate<NetworkInfo> p) {
        return (int) nets.list().stream().filter(p).count();
    }

    private void names(Call c, Predicate<NetworkInfo> p) {
        int max = c.args().readInt();
        c.argsDone();
        if (max < 0 || max > Protocol.constant("REMOTE_NETWORK_LIST_MAX")) {
            throw LibvirtErrors.invalidArg("the list size must be 0.." + Protocol.constant("REMOTE_NETWORK_LIST_MAX"));
        }
        List<String> names = nets.list().stream().filter(p).map(NetworkInfo::name).limit(max).toList();
        c.ret().writeInt(names.size());
        names.forEach(c.ret()::writeString);
    }

    static boolean matches(NetworkInfo n, long f) {
        return DomainProcedures.pair(f, ACTIVE, INACTIVE, n.active())
                && DomainProcedures.pair(f, PERSISTENT, TRANSIENT, n.persistent())
                && DomainProcedures.pair(f, AUTOSTART, NO_AUTOSTART, n.autostart());
    }
}
