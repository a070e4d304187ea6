package dev.jvirt.domainxml.network;

import dev.jvirt.domainxml.VerbatimElement;
import java.util.List;

/**
 * A libvirt-format virtual network, {@code <network>}. Read with {@link NetworkXml#parse}.
 *
 * @param name unique name
 * @param uuid UUID, or null until defaults
 * @param metadata children of {@code <metadata>}, verbatim
 * @param forward {@code <forward>}; null means an isolated network
 * @param bridge {@code <bridge name stp delay>}, or null
 * @param mtu {@code <mtu size>}, or null
 * @param mac {@code <mac address>} of the bridge, or null
 * @param domainName {@code <domain name>} for DNS, or null
 * @param domainLocalOnly {@code <domain localOnly>} yes/no, or null
 * @param dns {@code <dns>}, or null
 * @param ips {@code <ip>} elements in order
 */
public record Network(
        String name,
        String uuid,
        List<VerbatimElement> metadata,
        Forward forward,
        Bridge bridge,
        Integer mtu,
        String mac,
        String domainName,
        Boolean domainLocalOnly,
        Dns dns,
        List<Ip> ips) {

    /** Normalises lists. */
    public Network {
        metadata = metadata == null ? List.of() : List.copyOf(metadata);
        ips = ips == null ? List.of() : List.copyOf(ips);
    }

    /** The forward mode, or {@code none} for an isolated network. */
    public String forwardMode() {
        if (forward == null) {
            return "none";
        }
        return forward.mode() == null ? "nat" : forward.mode();
    }

    /** {@code <forward mode dev><nat><port start end/></nat><interface dev/></forward>}. */
    public record Forward(String mode, String dev, Integer natPortStart, Integer natPortEnd, List<String> interfaces) {
        /** Normalises the list. */
        public Forward {
            interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
        }
    }

    /** {@code <bridge name='virbr0' stp='on' delay='0'/>}. */
    public record Bridge(String name, Boolean stp, Integer delay) {}

    /** {@code <dns enable><forwarder addr/><host ip><hostname/></host></dns>}. */
    public record Dns(Boolean enable, List<String> forwarders, List<DnsHost> hosts) {
        /** Normalises lists. */
        public Dns {
            forwarders = forwarders == null ? List.of() : List.copyOf(forwarders);
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }
    }

    /** A static DNS entry. */
    public record DnsHost(String ip, List<String> hostnames) {
        /** Normalises the list. */
        public DnsHost {
            hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
        }
    }

    /**
     * {@code <ip family address netmask prefix>} with optional DHCP.
     *
     * @param family {@code ipv4} or {@code ipv6}, or null (IPv4)
     * @param address the host's address on the network
     * @param netmask dotted netmask (IPv4), or null
     * @param prefix prefix length, or null
     * @param dhcp {@code <dhcp>}, or null
     */
    public record Ip(String family, String address, String netmask, Integer prefix, Dhcp dhcp) {}

    /** {@code <dhcp><range start end/><host mac name ip/></dhcp>}. */
    public record Dhcp(List<Range> ranges, List<Host> hosts) {
        /** Normalises lists. */
        public Dhcp {
            ranges = ranges == null ? List.of() : List.copyOf(ranges);
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }
    }

    /** A DHCP address range. */
    public record Range(String start, String end) {}

    /** A DHCP reservation. */
    public record Host(String mac, String name, String ip) {}
}
