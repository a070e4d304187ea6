package dev.jvirt.domainxml.network;

import dev.jvirt.domainxml.Parsed;
import dev.jvirt.domainxml.xml.Node;
import dev.jvirt.domainxml.xml.XmlInput;

/** Entry point for network XML: parse, load (parse + defaults + validate) and canonical format. */
public final class NetworkXml {
    private NetworkXml() {}

    /** Parses network XML; {@code sourceName} labels error messages (may be null). */
    public static Network parse(String xml, String sourceName) {
        return read(xml, sourceName).definition();
    }

    /** Parses and keeps the element tree for line:column look-ups. */
    public static Parsed<Network> read(String xml, String sourceName) {
        Node root = XmlInput.parse(xml, sourceName, "network");
        Network n = NetworkReader.read(root);
        root.checkConsumed();
        return new Parsed<>(n, sourceName, root);
    }

    /** Parses, fills defaults and validates. */
    public static Network load(String xml, String sourceName) {
        Parsed<Network> p = read(xml, sourceName);
        Network filled = NetworkDefaults.fill(p.definition());
        NetworkValidator.requireValid(new Parsed<>(filled, sourceName, p.root()));
        return filled;
    }

    /**
     * Parses one {@code <host mac name ip/>} of a network's {@code <dhcp>} (the XML net-update
     * adds, deletes or modifies); unknown attributes and children are refused as in a network.
     */
    public static Network.Host parseDhcpHost(String xml, String sourceName) {
        Node root = XmlInput.parse(xml, sourceName, "host");
        Network.Host h = new Network.Host(root.attr("mac"), root.attr("name"), root.attr("ip"));
        root.checkConsumed();
        return h;
    }

    /** Canonical text. */
    public static String format(Network n) {
        return NetworkWriter.write(n);
    }
}
