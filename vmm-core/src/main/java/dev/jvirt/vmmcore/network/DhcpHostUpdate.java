package dev.jvirt.vmmcore.network;

import dev.jvirt.domainxml.network.Network;
import dev.jvirt.domainxml.network.NetworkXml;
import dev.jvirt.vmmcore.NetworkFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * net-update's {@code ip-dhcp-host} section applied to a network definition, as libvirt 9.0 does
 * it: the {@code <ip>} is the one at {@code --parent-index}, else the first with a {@code <dhcp>}
 * range or host, else the first IPv4 (then IPv6) one; {@code add} (= {@code add-last}) and
 * {@code add-first} refuse a host whose MAC, name or address another host has; {@code delete}
 * removes the first host that every given attribute matches; {@code modify} replaces the host with
 * the same MAC (or, without one, the same name). Pure: the result is validated by the caller as any
 * definition is. Failures are libvirt's words ({@link NetworkFailedException.Kind#STATE}).
 */
public final class DhcpHostUpdate {

    private DhcpHostUpdate() {
    }

    /**
     * What net-update asks: {@code live}, {@code config}, neither (libvirt's "current": the running
     * network when it is active, else the stored definition).
     *
     * @param parentIndex the {@code <ip>}'s index, or -1 for the most fitting one
     */
    public record Request(String command, String section, int parentIndex, String hostXml, boolean live, boolean config) {
    }

    /** The new running and stored definitions, each null when it is not to change. */
    public record Result(Network running, Network stored) {
    }

    /**
     * The definitions {@code request} makes of the running one ({@code running}, null when the
     * network is inactive) and the stored one ({@code stored}, null when it is transient), each
     * validated as a whole definition.
     */
    public static Result plan(String name, Network running, Network stored, Request request) {
        String cmd = command(request.command());
        if (cmd == null || !"ip-dhcp-host".equals(request.section())) {
            throw new NetworkFailedException(name, NetworkFailedException.Kind.UNSUPPORTED, cmd == null
                    ? "unrecognized net-update command '" + request.command() + "'" : "jvirt updates the ip-dhcp-host "
                    + "section of a network only, not '" + request.section() + "'", "jvirsh net-edit " + name
                    + " changes the rest", null);
        }
        boolean live = request.live() || (!request.config() && running != null);
        boolean config = request.config() || (!request.live() && running == null);
        if (live && running == null) {
            throw state(name, "network is not running");
        }
        if (config && stored == null) {
            throw state(name, "cannot change persistent config of a transient network");
        }
        Network.Host host = NetworkXml.parseDhcpHost(request.hostXml(), "the <host> of net-update");
        return new Result(live ? reload(apply(running, cmd, request.parentIndex(), host)) : null,
                config ? reload(apply(stored, cmd, request.parentIndex(), host)) : null);
    }

    private static Network reload(Network n) {
        return NetworkXml.load(NetworkXml.format(n), null);
    }

    /** The commands net-update knows; {@code null} for another word. */
    public static String command(String word) {
        return switch (word == null ? "" : word) {
            case "add", "add-last" -> "add-last";
            case "add-first", "delete", "modify" -> word;
            default -> null;
        };
    }

    /**
     * @param command {@code add-last}, {@code add-first}, {@code delete} or {@code modify} ({@link #command})
     * @param parentIndex the {@code <ip>}'s index, or -1 for the most fitting one
     */
    public static Network apply(Network def, String command, int parentIndex, Network.Host host) {
        String name = def.name();
        int index = ipIndex(def, parentIndex);
        Network.Ip ip = def.ips().get(index);
        List<Network.Host> hosts = new ArrayList<>(ip.dhcp() == null ? List.of() : ip.dhcp().hosts());
        switch (command) {
            case "add-first", "add-last" -> {
                for (Network.Host h : hosts) {
                    if (same(host.mac(), h.mac()) || (host.name() != null && host.name().equals(h.name()))
                            || (host.ip() != null && host.ip().equals(h.ip()))) {
                        throw state(name, "there is an existing dhcp host entry in network '" + name + "' that matches \"<host mac='"
                                + nullable(host.mac()) + "' name='" + nullable(host.name()) + "' ip='" + nullable(host.ip())
                                + "'/>\"");
                    }
                }
                if (host.ip() == null) {
                    throw new NetworkFailedException(name, NetworkFailedException.Kind.INVALID, "network '" + name
                            + "': a dhcp host to add needs an ip attribute", null, null);
                }
                hosts.add(command.equals("add-first") ? 0 : hosts.size(), host);
            }
            case "delete" -> {
                int at = -1;
                for (int i = 0; i < hosts.size() && at < 0; i++) {
                    Network.Host h = hosts.get(i);
                    if ((host.mac() == null || h.mac() == null || same(host.mac(), h.mac()))
                            && (host.name() == null || host.name().equals(h.name()))
                            && (host.ip() == null || host.ip().equals(h.ip()))) {
                        at = i;
                    }
                }
                if (at < 0) {
                    throw state(name, "couldn't locate a matching dhcp host entry in network '" + name + "'");
                }
                hosts.remove(at);
            }
            case "modify" -> {
                int at = -1;
                for (int i = 0; i < hosts.size() && at < 0; i++) {
                    Network.Host h = hosts.get(i);
                    if (host.mac() != null ? same(host.mac(), h.mac()) : host.name() != null && host.name().equals(h.name())) {
                        at = i;
                    }
                }
                if (at < 0) {
                    throw state(name, "couldn't locate an existing dhcp host entry with \"mac='" + nullable(host.mac())
                            + "'\" \"name='" + nullable(host.name()) + "'\" \"ip='" + nullable(host.ip()) + "'\" in network '"
                            + name + "'");
                }
                hosts.set(at, host);
            }
            default -> throw new IllegalArgumentException("not a net-update command: " + command);
        }
        List<Network.Range> ranges = ip.dhcp() == null ? List.of() : ip.dhcp().ranges();
        Network.Ip updated = new Network.Ip(ip.family(), ip.address(), ip.netmask(), ip.prefix(),
                new Network.Dhcp(ranges, hosts));
        List<Network.Ip> ips = new ArrayList<>(def.ips());
        ips.set(index, updated);
        return new Network(def.name(), def.uuid(), def.metadata(), def.forward(), def.bridge(), def.mtu(), def.mac(),
                def.domainName(), def.domainLocalOnly(), def.dns(), ips);
    }

    private static int ipIndex(Network def, int parentIndex) {
        List<Network.Ip> ips = def.ips();
        if (parentIndex >= 0) {
            if (parentIndex >= ips.size()) {
                throw state(def.name(), "couldn't update dhcp host entry - no <ip> element found at index " + parentIndex
                        + " in network '" + def.name() + "'");
            }
            return parentIndex;
        }
        for (int i = 0; i < ips.size(); i++) {
            Network.Dhcp d = ips.get(i).dhcp();
            if (d != null && (!d.ranges().isEmpty() || !d.hosts().isEmpty())) {
                return i;
            }
        }
        for (String family : List.of("ipv4", "ipv6")) {
            for (int i = 0; i < ips.size(); i++) {
                if (family.equals(Objects.requireNonNullElse(ips.get(i).family(), "ipv4"))) {
                    return i;
                }
            }
        }
        throw state(def.name(), "couldn't update dhcp host entry - no <ip> element found in network '" + def.name() + "'");
    }

    private static boolean same(String mac, String other) {
        return mac != null && other != null && mac.toLowerCase(Locale.ROOT).equals(other.toLowerCase(Locale.ROOT));
    }

    private static String nullable(String s) {
        return s == null ? "(null)" : s; // libvirt prints a missing attribute so
    }

    private static NetworkFailedException state(String network, String message) {
        return new NetworkFailedException(network, NetworkFailedException.Kind.STATE, message, null, null);
    }
}
