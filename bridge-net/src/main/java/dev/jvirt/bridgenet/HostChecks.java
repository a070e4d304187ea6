package dev.jvirt.bridgenet;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a network's start checks on the host, before it creates anything: the bridge name, the
 * subnets against other networks and the host's own addresses and routes, the tools it needs.
 */
final class HostChecks {
    private static final Cidr LINK_LOCAL6 = Cidr.parse("fe80::/10");
    private static final Cidr MULTICAST6 = Cidr.parse("ff00::/8");

    private HostChecks() {
    }

    /** Throws unless the host has what {@code plan} needs. */
    static void tools(NetworkPlan plan, HostTools tools) {
        HostTools.require(tools.ip(), plan.name(), "/network/bridge", "a network's bridge", "iproute2");
        if (plan.firewall()) {
            HostTools.require(tools.nft(), plan.name(), "/network/forward", "forward mode '" + plan.mode()
                    + "' (its firewall rules)", "nftables");
        }
        if (plan.dnsmasq()) {
            HostTools.require(tools.dnsmasq(), plan.name(), "/network/ip", "DHCP and DNS on the network (<ip><dhcp>, "
                    + "<dns>; <dns enable='no'/> without <dhcp> needs none)", "dnsmasq-base");
        }
    }

    /** The bridge: a name of its own for a bridge jvirt creates, an existing bridge for mode {@code bridge}. */
    static void bridge(NetworkPlan plan, List<IpTool.Link> links) {
        IpTool.Link found = links.stream().filter(l -> l.name().equals(plan.bridge())).findFirst().orElse(null);
        if (plan.createBridge()) {
            if (found != null) {
                throw new NetworkConfigException(plan.name(), "/network/bridge", "bridge name '" + plan.bridge()
                        + "' is already used by " + describe(found) + " on the host; choose another <bridge name>");
            }
        } else if (found == null) {
            throw new NetworkConfigException(plan.name(), "/network/bridge", "host bridge '" + plan.bridge()
                    + "' does not exist (a forward mode='bridge' network uses a bridge the host already has)");
        } else if (!found.isBridge()) {
            throw new NetworkConfigException(plan.name(), "/network/bridge", "'" + plan.bridge() + "' is "
                    + describe(found) + ", not a bridge");
        }
    }

    /** A subnet of another active network, seen from this one. */
    record Taken(String network, Cidr subnet, String bridge) {
    }

    /** The subnets: none may overlap another active network's, an address of the host's, or a host route. */
    static void subnets(NetworkPlan plan, Collection<Taken> others, List<IpTool.Address> addresses,
            List<IpTool.Route> routes) {
        for (int i = 0; i < plan.subnets().size(); i++) {
            Cidr net = plan.subnets().get(i).address().network();
            String path = "/network/ip" + (plan.subnets().size() > 1 ? "[" + (i + 1) + "]" : "");
            String mine = plan.subnets().get(i).address().toString();
            for (Taken t : others) {
                if (t.subnet().overlaps(net)) {
                    throw new NetworkConfigException(plan.name(), path, mine + " overlaps " + t.subnet() + " of network '"
                            + t.network() + "' (on " + t.bridge() + "); choose another address range");
                }
            }
            for (IpTool.Address a : addresses) {
                if (!a.dev().equals(plan.bridge()) && !ignored(a.cidr()) && a.cidr().network().overlaps(net)) {
                    throw new NetworkConfigException(plan.name(), path, mine + " overlaps the host's address "
                            + a.cidr() + " on " + a.dev() + "; choose another address range");
                }
            }
            for (IpTool.Route r : routes) {
                if (r.dst() == null || r.dst().equals("default") || !isPrefix(r.dst())) {
                    continue;
                }
                Cidr dst = Cidr.parse(r.dst());
                if (dst.prefix() > 0 && !ignored(dst) && dst.overlaps(net) && !plan.bridge().equals(r.dev())) {
                    throw new NetworkConfigException(plan.name(), path, mine + " overlaps the host route " + r.dst()
                            + (r.dev() == null ? "" : " (dev " + r.dev() + ")") + "; choose another address range");
                }
            }
        }
    }

    /** jvirt's next free bridge name, {@code jvbrN}: used by no interface and no other network. */
    static String freeBridgeName(List<IpTool.Link> links, Set<String> claimed) {
        for (int n = 0; ; n++) {
            String name = "jvbr" + n;
            if (!claimed.contains(name) && links.stream().noneMatch(l -> l.name().equals(name))) {
                return name;
            }
        }
    }

    private static boolean ignored(Cidr c) {
        return c.isIpv6() && (LINK_LOCAL6.contains(c) || MULTICAST6.contains(c)) || !c.isIpv6() && c.address().startsWith("127.");
    }

    private static boolean isPrefix(String s) {
        try {
            Cidr.parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String describe(IpTool.Link l) {
        String kind = l.kind() == null ? "an interface" : "bridge".equals(l.kind()) ? "a bridge" : "tun".equals(l.kind())
                ? "a TAP" : "an interface of type " + l.kind();
        return kind + (l.master() == null ? "" : " (a port of " + l.master() + ")");
    }
}
