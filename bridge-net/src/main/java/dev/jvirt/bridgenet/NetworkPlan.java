package dev.jvirt.bridgenet;

import dev.jvirt.domainxml.Violation;
import dev.jvirt.domainxml.network.Network;
import dev.jvirt.domainxml.network.NetworkValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What starting a network means, worked out from its definition alone (no host is looked at):
 * the bridge, its addresses, whether dnsmasq and firewall rules are needed. Building one checks
 * the definition; a definition jvirt cannot run is refused here, before anything is created.
 *
 * @param name the network's name
 * @param mode {@code nat}, {@code route}, {@code open}, {@code isolated} or {@code bridge}
 * @param bridge the bridge name, or null until one is chosen (see {@link #withBridge})
 * @param createBridge whether jvirt creates the bridge (every mode but {@code bridge})
 * @param subnets the {@code <ip>} elements, in order
 * @param dnsmasq whether the network runs dnsmasq (it has addresses and DHCP or DNS)
 */
public record NetworkPlan(String name, String uuid, String mode, String bridge, boolean createBridge, boolean stp,
        int delay, String mac, Integer mtu, String forwardDev, Integer natPortStart, Integer natPortEnd,
        List<Subnet> subnets, Dns dns, boolean dnsmasq) {

    /** Linux's IFNAMSIZ less the terminating NUL. */
    public static final int MAX_IFNAME = 15;
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.@+-]{1,15}");
    private static final Pattern DNS_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?");
    private static final Set<String> MODES = Set.of("nat", "route", "open", "none", "bridge");

    public NetworkPlan {
        subnets = List.copyOf(subnets);
    }

    /** An {@code <ip>}: the host's address on the network (with its prefix), DHCP ranges and hosts. */
    public record Subnet(Cidr address, List<Range> ranges, List<Network.Host> hosts) {
        public Subnet {
            ranges = List.copyOf(ranges);
            hosts = List.copyOf(hosts);
        }

        public boolean dhcp() {
            return !ranges.isEmpty() || !hosts.isEmpty();
        }
    }

    /** A DHCP range. */
    public record Range(Cidr start, Cidr end) {
    }

    /** DNS as dnsmasq serves it: off, or with forwarders, static hosts and a local domain. */
    public record Dns(boolean enabled, List<String> forwarders, List<Network.DnsHost> hosts, String domain,
            boolean localOnly) {
        public Dns {
            forwarders = List.copyOf(forwarders);
            hosts = List.copyOf(hosts);
        }
    }

    public boolean isNat() {
        return "nat".equals(mode);
    }

    /** Whether jvirt puts an nftables table of its own in place (nat, route, isolated). */
    public boolean firewall() {
        return createBridge && !"open".equals(mode);
    }

    /** Whether IPv4 (and, with IPv6 subnets, IPv6) forwarding must be on. */
    public boolean forwarding() {
        return isNat() || "route".equals(mode);
    }

    public boolean hasIpv6() {
        return subnets.stream().anyMatch(s -> s.address().isIpv6());
    }

    /** This plan on {@code bridgeName}. */
    public NetworkPlan withBridge(String bridgeName) {
        return new NetworkPlan(name, uuid, mode, bridgeName, createBridge, stp, delay, mac, mtu, forwardDev, natPortStart,
                natPortEnd, subnets, dns, dnsmasq);
    }

    /**
     * Checks {@code n} (the domain-xml rules, then what jvirt can run) and plans it.
     *
     * @throws NetworkConfigException naming the network and element of the first problems
     */
    public static NetworkPlan of(Network n) {
        String name = n.name() == null ? "(unnamed)" : n.name();
        List<Violation> vs = NetworkValidator.validate(n);
        if (!vs.isEmpty()) {
            Violation v = vs.get(0);
            StringBuilder more = new StringBuilder(v.message());
            for (Violation w : vs.subList(1, vs.size())) {
                more.append("; ").append(w.path()).append(": ").append(w.message());
            }
            throw new NetworkConfigException(name, v.path(), more.toString());
        }
        String mode = n.forwardMode();
        if (!MODES.contains(mode)) {
            throw new NetworkConfigException(name, "/network/forward", "forward mode '" + mode
                    + "' is not supported by jvirt; use nat, route, open, bridge, or no <forward> for an isolated network");
        }
        boolean hostBridge = "bridge".equals(mode);
        String bridge = n.bridge() == null ? null : n.bridge().name();
        if (hostBridge && bridge == null) {
            throw new NetworkConfigException(name, "/network/bridge", "forward mode 'bridge' over <interface dev> "
                    + "(macvtap) is not supported; name an existing host bridge with <bridge name='...'/>");
        }
        if (bridge != null && !IFNAME.matcher(bridge).matches()) {
            throw new NetworkConfigException(name, "/network/bridge", "bridge name '" + bridge + "' is not usable: "
                    + (bridge.length() > MAX_IFNAME ? "longer than " + MAX_IFNAME + " characters"
                            : "use letters, digits and . _ - + @ only"));
        }
        List<Subnet> subnets = new ArrayList<>();
        for (int i = 0; i < n.ips().size(); i++) {
            subnets.add(subnet(name, n.ips().get(i), "/network/ip" + (n.ips().size() > 1 ? "[" + (i + 1) + "]" : "")));
        }
        Dns dns = dns(name, n);
        boolean dhcp = subnets.stream().anyMatch(Subnet::dhcp);
        boolean dnsmasq = !hostBridge && !subnets.isEmpty() && (dhcp || dns.enabled());
        Network.Forward f = n.forward();
        boolean stp = n.bridge() == null || n.bridge().stp() == null || n.bridge().stp();
        int delay = n.bridge() == null || n.bridge().delay() == null ? 0 : n.bridge().delay();
        return new NetworkPlan(name, n.uuid(), "none".equals(mode) ? "isolated" : mode, bridge, !hostBridge, stp, delay,
                n.mac(), n.mtu(), f == null ? null : f.dev(), f == null ? null : f.natPortStart(),
                f == null ? null : f.natPortEnd(), subnets, dns, dnsmasq);
    }

    private static Subnet subnet(String name, Network.Ip ip, String path) {
        boolean v6 = "ipv6".equals(ip.family());
        int prefix = ip.prefix() != null ? ip.prefix() : ip.netmask() != null ? prefixOf(ip.netmask()) : v6 ? 64 : 24;
        Cidr address = Cidr.of(ip.address(), prefix);
        List<Range> ranges = new ArrayList<>();
        List<Network.Host> hosts = new ArrayList<>();
        if (ip.dhcp() != null) {
            List<Network.Range> rs = ip.dhcp().ranges();
            for (int r = 0; r < rs.size(); r++) {
                String rp = path + "/dhcp/range" + (rs.size() > 1 ? "[" + (r + 1) + "]" : "");
                ranges.add(range(name, address, rs.get(r), rp));
            }
            hosts.addAll(ip.dhcp().hosts());
            for (Network.Host h : hosts) {
                if (h.name() != null && !DNS_NAME.matcher(h.name()).matches()) {
                    throw new NetworkConfigException(name, path + "/dhcp/host", "host name '" + h.name()
                            + "' is not a DNS name (letters, digits, '-', '_', '.')");
                }
                if (v6) {
                    throw new NetworkConfigException(name, path + "/dhcp/host", "IPv6 DHCP hosts are not supported yet");
                }
            }
        }
        return new Subnet(address, ranges, hosts);
    }

    /** IPv4 ranges are checked by domain-xml; IPv6 ones here, the same way. */
    private static Range range(String name, Cidr subnet, Network.Range r, String path) {
        Cidr s;
        Cidr e;
        try {
            s = Cidr.parse(r.start());
            e = Cidr.parse(r.end());
        } catch (IllegalArgumentException | NullPointerException x) {
            throw new NetworkConfigException(name, path, "DHCP range needs start and end addresses");
        }
        if (!subnet.network().contains(s) || !subnet.network().contains(e)) {
            throw new NetworkConfigException(name, path, "DHCP range " + r.start() + "-" + r.end() + " is outside "
                    + subnet.network());
        }
        if (s.value().compareTo(e.value()) > 0) {
            throw new NetworkConfigException(name, path, "DHCP range start " + r.start() + " is after end " + r.end());
        }
        if (s.value().compareTo(subnet.value()) <= 0 && subnet.value().compareTo(e.value()) <= 0) {
            throw new NetworkConfigException(name, path, "DHCP range contains the network's own address "
                    + subnet.address());
        }
        return new Range(s, e);
    }

    private static Dns dns(String name, Network n) {
        Network.Dns d = n.dns();
        boolean enabled = d == null || d.enable() == null || d.enable();
        if (n.domainName() != null && !DNS_NAME.matcher(n.domainName()).matches()) {
            throw new NetworkConfigException(name, "/network/domain", "domain name '" + n.domainName()
                    + "' is not a DNS name (letters, digits, '-', '_', '.')");
        }
        if (d == null) {
            return new Dns(enabled, List.of(), List.of(), n.domainName(), Boolean.TRUE.equals(n.domainLocalOnly()));
        }
        for (Network.DnsHost h : d.hosts()) {
            for (String hn : h.hostnames()) {
                if (hn == null || !DNS_NAME.matcher(hn).matches()) {
                    throw new NetworkConfigException(name, "/network/dns/host", "hostname '" + hn
                            + "' is not a DNS name (letters, digits, '-', '_', '.')");
                }
            }
        }
        if (!enabled && (!d.hosts().isEmpty() || !d.forwarders().isEmpty())) {
            throw new NetworkConfigException(name, "/network/dns", "DNS is disabled (enable='no') but has hosts or "
                    + "forwarders");
        }
        return new Dns(enabled, d.forwarders(), d.hosts(), n.domainName(), Boolean.TRUE.equals(n.domainLocalOnly()));
    }

    private static int prefixOf(String netmask) {
        byte[] m = Cidr.parseAddress(netmask);
        int bits = 0;
        for (byte b : m) {
            bits += Integer.bitCount(b & 0xff);
        }
        return bits;
    }
}
