package dev.jvirt.domainxml.network;

import dev.jvirt.domainxml.VerbatimElement;
import dev.jvirt.domainxml.xml.XmlOutput;

/** Writes a {@link Network} in libvirt's element order. */
final class NetworkWriter {
    private NetworkWriter() {}

    static String write(Network n) {
        XmlOutput w = new XmlOutput();
        w.start("network");
        w.textElement("name", n.name());
        w.textElement("uuid", n.uuid());
        if (!n.metadata().isEmpty()) {
            w.start("metadata");
            for (VerbatimElement e : n.metadata()) {
                w.verbatim(e);
            }
            w.end();
        }
        Network.Forward f = n.forward();
        if (f != null) {
            w.start("forward").attr("mode", f.mode()).attr("dev", f.dev());
            if (f.natPortStart() != null || f.natPortEnd() != null) {
                w.start("nat").start("port").attr("start", f.natPortStart()).attr("end", f.natPortEnd()).end().end();
            }
            for (String i : f.interfaces()) {
                w.start("interface").attr("dev", i).end();
            }
            w.end();
        }
        if (n.bridge() != null) {
            w.start("bridge").attr("name", n.bridge().name()).onOff("stp", n.bridge().stp())
                    .attr("delay", n.bridge().delay()).end();
        }
        if (n.mtu() != null) {
            w.start("mtu").attr("size", n.mtu()).end();
        }
        if (n.mac() != null) {
            w.start("mac").attr("address", n.mac()).end();
        }
        if (n.domainName() != null || n.domainLocalOnly() != null) {
            w.start("domain").attr("name", n.domainName()).yesNo("localOnly", n.domainLocalOnly()).end();
        }
        Network.Dns d = n.dns();
        if (d != null) {
            w.start("dns").yesNo("enable", d.enable());
            for (String fw : d.forwarders()) {
                w.start("forwarder").attr("addr", fw).end();
            }
            for (Network.DnsHost h : d.hosts()) {
                w.start("host").attr("ip", h.ip());
                for (String hn : h.hostnames()) {
                    w.textElement("hostname", hn);
                }
                w.end();
            }
            w.end();
        }
        for (Network.Ip ip : n.ips()) {
            w.start("ip").attr("family", ip.family()).attr("address", ip.address()).attr("netmask", ip.netmask())
                    .attr("prefix", ip.prefix());
            if (ip.dhcp() != null) {
                w.start("dhcp");
                for (Network.Range r : ip.dhcp().ranges()) {
                    w.start("range").attr("start", r.start()).attr("end", r.end()).end();
                }
                for (Network.Host h : ip.dhcp().hosts()) {
                    w.start("host").attr("mac", h.mac()).attr("name", h.name()).attr("ip", h.ip()).end();
                }
                w.end();
            }
            w.end();
        }
        w.end();
        return w.finish();
    }
}
