package dev.jvirt.domainxml.network;

import dev.jvirt.domainxml.InvalidDefinitionException;
import dev.jvirt.domainxml.Parsed;
import dev.jvirt.domainxml.Violation;
import dev.jvirt.domainxml.ViolationKind;
import dev.jvirt.domainxml.Violations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Semantic checks of a {@link Network}: names, forward mode, bridge, addresses, DHCP and DNS. */
public final class NetworkValidator {
    private static final Set<String> MODES = Set.of("nat", "route", "bridge", "open", "private", "vepa", "passthrough");

    private NetworkValidator() {}

    /** All violations (positions unknown). */
    public static List<Violation> validate(Network n) {
        Violations v = new Violations();
        v.name(n.name(), "/network/name", "network");
        v.uuid(n.uuid(), "/network/uuid");
        Network.Forward f = n.forward();
        if (f != null) {
            v.oneOf(f.mode(), MODES, "/network/forward", "forward mode");
            if (f.natPortStart() != null || f.natPortEnd() != null) {
                v.range(f.natPortStart(), 1, 65535, "/network/forward/nat/port", "NAT port");
                v.range(f.natPortEnd(), 1, 65535, "/network/forward/nat/port", "NAT port");
                if (f.natPortStart() != null && f.natPortEnd() != null && f.natPortStart() > f.natPortEnd()) {
                    v.add(ViolationKind.RANGE, "/network/forward/nat/port", "NAT port start is after end");
                }
            }
        }
        String mode = n.forwardMode();
        boolean hostBridge = "bridge".equals(mode);
        if (n.bridge() != null) {
            String b = n.bridge().name();
            if (b != null && (b.length() > 15 || b.isBlank() || b.indexOf('/') >= 0 || b.contains(" "))) {
                v.add(ViolationKind.NAME, "/network/bridge", "bridge name '" + b + "' is not a valid interface name (at most 15 characters, no '/' or spaces)");
            }
            v.range(n.bridge().delay(), 0, 3600, "/network/bridge", "bridge delay");
        }
        if (hostBridge) {
            if ((n.bridge() == null || n.bridge().name() == null) && (f.dev() == null && f.interfaces().isEmpty())) {
                v.add(ViolationKind.MISSING, "/network/bridge", "forward mode 'bridge' needs <bridge name='...'/> of an existing host bridge");
            }
            if (!n.ips().isEmpty()) {
                v.add(ViolationKind.INCONSISTENT, "/network/ip", "a network using a host bridge cannot have <ip> (the host bridge's LAN provides addresses)");
            }
        }
        if (n.mac() != null) {
            v.mac(n.mac(), "/network/mac");
        }
        v.range(n.mtu(), 68, 65535, "/network/mtu", "MTU");
        ips(n, v);
        dns(n, v);
        return v.list();
    }

    /** All violations, placed at their line:column in the source. */
    public static List<Violation> validate(Parsed<Network> p) {
        List<Violation> out = new ArrayList<>();
        for (Violation x : validate(p.definition())) {
            out.add(p.locate(x));
        }
        return out;
    }

    /** Throws {@link InvalidDefinitionException} if there are violations. */
    public static void requireValid(Parsed<Network> p) {
        List<Violation> vs = validate(p);
        if (!vs.isEmpty()) {
            throw new InvalidDefinitionException(p.sourceName(), vs);
        }
    }

    private static void ips(Network n, Violations v) {
        Set<String> macs = new HashSet<>();
        Set<String> hostIps = new HashSet<>();
        for (int i = 0; i < n.ips().size(); i++) {
            Network.Ip ip = n.ips().get(i);
            String p = Violations.indexed("/network", "ip", i, n.ips().size());
            boolean v6 = "ipv6".equals(ip.family());
            v.oneOf(ip.family(), Set.of("ipv4", "ipv6"), p, "address family");
            if (!v.required(ip.address(), p, "attribute 'address'")) {
                continue;
            }
            if (v6) {
                if (!Ipv4.isIpv6(ip.address())) {
                    v.add(ViolationKind.IP, p, "malformed IPv6 address '" + ip.address() + "'");
                }
                v.range(ip.prefix(), 1, 128, p, "prefix");
                if (ip.netmask() != null) {
                    v.add(ViolationKind.IP, p, "IPv6 uses prefix, not netmask");
                }
                continue;
            }
            long addr = Ipv4.parse(ip.address());
            if (addr < 0) {
                v.add(ViolationKind.IP, p, "malformed IPv4 address '" + ip.address() + "'");
                continue;
            }
            int prefix = 24;
            if (ip.netmask() != null && ip.prefix() != null) {
                v.add(ViolationKind.IP, p, "give either netmask or prefix, not both");
            } else if (ip.netmask() != null) {
                prefix = Ipv4.prefixOf(ip.netmask());
                if (prefix < 0) {
                    v.add(ViolationKind.IP, p, "netmask '" + ip.netmask() + "' is not a contiguous IPv4 netmask");
                    continue;
                }
            } else if (ip.prefix() != null) {
                if (ip.prefix() < 1 || ip.prefix() > 32) {
                    v.add(ViolationKind.IP, p, "IPv4 prefix " + ip.prefix() + " is out of range [1, 32]");
                    continue;
                }
                prefix = ip.prefix();
            } else {
                v.add(ViolationKind.MISSING, p, "an IPv4 <ip> needs netmask or prefix");
                continue;
            }
            long mask = Ipv4.mask(prefix);
            if (ip.dhcp() == null) {
                continue;
            }
            for (int r = 0; r < ip.dhcp().ranges().size(); r++) {
                Network.Range range = ip.dhcp().ranges().get(r);
                String rp = Violations.indexed(p + "/dhcp", "range", r, ip.dhcp().ranges().size());
                long s = Ipv4.parse(range.start());
                long e = Ipv4.parse(range.end());
                if (s < 0 || e < 0) {
                    v.add(ViolationKind.IP, rp, "DHCP range needs IPv4 start and end addresses");
                } else if ((s & mask) != (addr & mask) || (e & mask) != (addr & mask)) {
                    v.add(ViolationKind.IP, rp, "DHCP range " + range.start() + "-" + range.end() + " is outside "
                            + ip.address() + "/" + prefix);
                } else if (s > e) {
                    v.add(ViolationKind.IP, rp, "DHCP range start " + range.start() + " is after end " + range.end());
                } else if (s <= addr && addr <= e) {
                    v.add(ViolationKind.IP, rp, "DHCP range contains the network's own address " + ip.address());
                }
            }
            for (int h = 0; h < ip.dhcp().hosts().size(); h++) {
                Network.Host host = ip.dhcp().hosts().get(h);
                String hp = Violations.indexed(p + "/dhcp", "host", h, ip.dhcp().hosts().size());
                if (host.mac() == null && host.name() == null) {
                    v.add(ViolationKind.MISSING, hp, "a DHCP host needs mac or name");
                }
                if (host.mac() != null && v.mac(host.mac(), hp) && !macs.add(host.mac().toLowerCase(Locale.ROOT))) {
                    v.add(ViolationKind.DUPLICATE_MAC, hp, "MAC " + host.mac() + " has two DHCP reservations");
                }
                long hip = Ipv4.parse(host.ip());
                if (host.ip() == null || hip < 0) {
                    v.add(ViolationKind.IP, hp, "a DHCP host needs a valid IPv4 ip");
                } else if ((hip & mask) != (addr & mask)) {
                    v.add(ViolationKind.IP, hp, "DHCP host ip " + host.ip() + " is outside " + ip.address() + "/" + prefix);
                } else if (!hostIps.add(host.ip())) {
                    v.add(ViolationKind.DUPLICATE, hp, "ip " + host.ip() + " is reserved twice");
                }
            }
        }
    }

    private static void dns(Network n, Violations v) {
        if (n.dns() == null) {
            return;
        }
        for (String fw : n.dns().forwarders()) {
            if (fw != null && Ipv4.parse(fw) < 0 && !Ipv4.isIpv6(fw)) {
                v.add(ViolationKind.IP, "/network/dns/forwarder", "DNS forwarder '" + fw + "' is not an IP address");
            }
        }
        for (int i = 0; i < n.dns().hosts().size(); i++) {
            Network.DnsHost h = n.dns().hosts().get(i);
            String p = Violations.indexed("/network/dns", "host", i, n.dns().hosts().size());
            if (h.ip() == null || Ipv4.parse(h.ip()) < 0 && !Ipv4.isIpv6(h.ip())) {
                v.add(ViolationKind.IP, p, "DNS host needs a valid ip");
            }
            if (h.hostnames().isEmpty()) {
                v.add(ViolationKind.MISSING, p, "DNS host needs at least one <hostname>");
            }
        }
    }
}
