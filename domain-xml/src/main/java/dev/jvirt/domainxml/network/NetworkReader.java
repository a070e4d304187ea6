package dev.jvirt.domainxml.network;

import dev.jvirt.domainxml.VerbatimElement;
import dev.jvirt.domainxml.xml.Node;
import java.util.ArrayList;
import java.util.List;

/** Binds a {@code <network>} element tree. */
final class NetworkReader {
    private NetworkReader() {}

    static Network read(Node n) {
        n.attr("connections");
        String name = n.childText("name");
        String uuid = n.childText("uuid");
        List<VerbatimElement> metadata = List.of();
        Node md = n.child("metadata");
        if (md != null) {
            md.markOpaque();
            metadata = md.toVerbatim().children();
        }
        Node f = n.child("forward");
        Network.Forward forward = null;
        if (f != null) {
            String mode = f.attr("mode");
            String dev = f.attr("dev");
            Integer ps = null;
            Integer pe = null;
            Node nat = f.child("nat");
            if (nat != null) {
                Node port = nat.child("port");
                if (port != null) {
                    ps = port.intAttr("start");
                    pe = port.intAttr("end");
                }
            }
            List<String> ifs = new ArrayList<>();
            for (Node i : f.children("interface")) {
                ifs.add(i.requiredAttr("dev"));
            }
            forward = new Network.Forward(mode, dev, ps, pe, ifs);
        }
        Node b = n.child("bridge");
        Network.Bridge bridge = b == null ? null : new Network.Bridge(b.attr("name"), b.onOff("stp"), b.intAttr("delay"));
        Node mtu = n.child("mtu");
        Node mac = n.child("mac");
        Node dom = n.child("domain");
        return new Network(name, uuid, metadata, forward, bridge,
                mtu == null ? null : mtu.intAttr("size"),
                mac == null ? null : mac.attr("address"),
                dom == null ? null : dom.attr("name"),
                dom == null ? null : dom.yesNo("localOnly"),
                dns(n.child("dns")),
                ips(n));
    }

    private static Network.Dns dns(Node d) {
        if (d == null) {
            return null;
        }
        Boolean enable = d.yesNo("enable");
        List<String> fw = new ArrayList<>();
        for (Node f : d.children("forwarder")) {
            fw.add(f.requiredAttr("addr"));
        }
        List<Network.DnsHost> hosts = new ArrayList<>();
        for (Node h : d.children("host")) {
            String ip = h.attr("ip");
            List<String> names = new ArrayList<>();
            for (Node hn : h.children("hostname")) {
                names.add(hn.text());
            }
            hosts.add(new Network.DnsHost(ip, names));
        }
        return new Network.Dns(enable, fw, hosts);
    }

    private static List<Network.Ip> ips(Node n) {
        List<Network.Ip> out = new ArrayList<>();
        for (Node ip : n.children("ip")) {
            String family = ip.attr("family");
            String address = ip.attr("address");
            String netmask = ip.attr("netmask");
            Integer prefix = ip.intAttr("prefix");
            Node d = ip.child("dhcp");
            Network.Dhcp dhcp = null;
            if (d != null) {
                List<Network.Range> ranges = new ArrayList<>();
                for (Node r : d.children("range")) {
                    ranges.add(new Network.Range(r.attr("start"), r.attr("end")));
                }
                List<Network.Host> hosts = new ArrayList<>();
                for (Node h : d.children("host")) {
                    hosts.add(new Network.Host(h.attr("mac"), h.attr("name"), h.attr("ip")));
                }
                dhcp = new Network.Dhcp(ranges, hosts);
            }
            out.add(new Network.Ip(family, address, netmask, prefix, dhcp));
        }
        return out;
    }
}
