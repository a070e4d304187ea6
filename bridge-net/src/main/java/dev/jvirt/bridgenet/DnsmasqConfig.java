package dev.jvirt.bridgenet;

import dev.jvirt.domainxml.network.Network;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The dnsmasq configuration of one network, as text (a pure function of the plan and its files).
 * dnsmasq listens on the network's bridge only ({@code interface=}, {@code bind-dynamic},
 * {@code except-interface=lo}); DHCP hosts and DNS host entries are in this file, read once at
 * start while dnsmasq is still root, so the files may live in a private directory.
 */
final class DnsmasqConfig {
    private DnsmasqConfig() {
    }

    /** The file paths dnsmasq is told about. */
    record Files(Path pidFile, Path leaseFile, Path hostsFile) {
    }

    static String render(NetworkPlan plan, Files files) {
        List<String> l = new ArrayList<>();
        l.add("# written by jvirt for network '" + plan.name().replaceAll("\\p{Cntrl}", "?") + "'; jvirt rewrites it at every start");
        l.add("strict-order");
        l.add("pid-file=" + path(files.pidFile()));
        l.add("except-interface=lo");
        l.add("bind-dynamic");
        l.add("interface=" + plan.bridge());
        NetworkPlan.Dns dns = plan.dns();
        if (!dns.enabled()) {
            l.add("port=0");
        } else {
            if (!dns.forwarders().isEmpty()) {
                l.add("no-resolv");
                for (String f : dns.forwarders()) {
                    l.add("server=" + f);
                }
            }
            if (dns.domain() != null) {
                l.add("domain=" + dns.domain());
                l.add("expand-hosts");
                if (dns.localOnly()) {
                    l.add("local=/" + dns.domain() + "/");
                }
            }
            for (Network.DnsHost h : dns.hosts()) {
                l.add("host-record=" + String.join(",", h.hostnames()) + "," + h.ip());
            }
        }
        boolean dhcp = false;
        boolean ra = false;
        BigInteger leases = BigInteger.ZERO;
        for (NetworkPlan.Subnet s : plan.subnets()) {
            Cidr a = s.address();
            if (a.isIpv6()) {
                ra = true;
                if (s.ranges().isEmpty()) {
                    l.add("dhcp-range=" + a.network().address() + ",ra-only," + a.prefix());
                }
            }
            for (NetworkPlan.Range r : s.ranges()) {
                dhcp = true;
                l.add("dhcp-range=" + r.start().address() + "," + r.end().address() + ","
                        + (a.isIpv6() ? Integer.toString(a.prefix()) : a.netmask()));
                leases = leases.add(r.end().value().subtract(r.start().value()).add(BigInteger.ONE));
            }
            if (!s.hosts().isEmpty()) {
                dhcp = true;
                leases = leases.add(BigInteger.valueOf(s.hosts().size()));
            }
        }
        if (dhcp) {
            l.add("dhcp-hostsfile=" + path(files.hostsFile()));
            l.add("dhcp-no-override");
            l.add("dhcp-authoritative");
            l.add("dhcp-lease-max=" + leases.min(BigInteger.valueOf(1_000_000)));
            l.add("dhcp-leasefile=" + path(files.leaseFile()));
            if (!dns.enabled()) {
                l.add("dhcp-option=6");
            }
            if ("isolated".equals(plan.mode())) {
                // no default route through a network that forwards nothing
                l.add("dhcp-option=3");
            }
        }
        if (ra) {
            l.add("enable-ra");
        }
        return String.join("\n", l) + "\n";
    }

    /** The DHCP hosts file: one {@code MAC,IP,NAME} line per {@code <host>} (what is absent left out). */
    static String hosts(NetworkPlan plan) {
        StringBuilder b = new StringBuilder();
        for (NetworkPlan.Subnet s : plan.subnets()) {
            for (Network.Host h : s.hosts()) {
                // dnsmasq tells a MAC, an address and a name apart by their form
                List<String> parts = new ArrayList<>();
                if (h.mac() != null) {
                    parts.add(h.mac());
                }
                parts.add(h.ip());
                if (h.name() != null) {
                    parts.add(h.name());
                }
                b.append(String.join(",", parts)).append('\n');
            }
        }
        return b.toString();
    }

    private static String path(Path p) {
        String s = p.toAbsolutePath().toString();
        if (s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("a control character in " + s);
        }
        return s;
    }
}
