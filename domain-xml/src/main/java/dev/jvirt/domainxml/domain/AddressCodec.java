package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.xml.Node;
import dev.jvirt.domainxml.xml.Suggest;
import dev.jvirt.domainxml.xml.XmlOutput;
import java.util.List;

/** Reads and writes {@code <address>} elements. */
final class AddressCodec {
    private static final List<String> TYPES = List.of("pci", "drive", "virtio-serial", "usb", "isa");

    private AddressCodec() {}

    static Address read(Node n) {
        if (n == null) {
            return null;
        }
        String type = n.attr("type");
        if (type == null) {
            throw n.error("missing attribute 'type'");
        }
        switch (type) {
            case "pci":
                return new Address.Pci(req(n, "domain", 0), req(n, "bus", 0), req(n, "slot", null),
                        req(n, "function", 0), n.onOff("multifunction"));
            case "drive":
                return new Address.Drive(n.intAttr("controller"), n.intAttr("bus"), n.intAttr("target"), n.intAttr("unit"));
            case "virtio-serial":
                return new Address.VirtioSerial(n.intAttr("controller"), n.intAttr("bus"), n.intAttr("port"));
            case "usb":
                return new Address.Usb(n.intAttr("bus"), n.attr("port"));
            case "isa":
                return new Address.Isa(n.attr("iobase"), n.attr("irq"));
            default:
                throw n.error("unsupported address type '" + type + "'", Suggest.nearest(type, TYPES));
        }
    }

    private static int req(Node n, String attr, Integer dflt) {
        Integer v = n.intAttr(attr);
        if (v == null) {
            if (dflt == null) {
                throw n.error("missing attribute '" + attr + "'");
            }
            return dflt;
        }
        if (v < 0) {
            throw n.error("attribute '" + attr + "' must not be negative");
        }
        return v;
    }

    /** {@code 0x} and at least {@code digits} lower-case hex digits, as libvirt writes PCI addresses. */
    static String hex(int value, int digits) {
        String h = Integer.toHexString(value);
        StringBuilder sb = new StringBuilder(2 + Math.max(digits, h.length())).append("0x");
        for (int i = h.length(); i < digits; i++) {
            sb.append('0');
        }
        return sb.append(h).toString();
    }

    static void write(XmlOutput w, Address a) {
        if (a == null) {
            return;
        }
        w.start("address").attr("type", a.type());
        if (a instanceof Address.Pci p) {
            w.attr("domain", hex(p.domain(), 4))
                    .attr("bus", hex(p.bus(), 2))
                    .attr("slot", hex(p.slot(), 2))
                    .attr("function", hex(p.function(), 1))
                    .onOff("multifunction", p.multifunction());
        } else if (a instanceof Address.Drive d) {
            w.attr("controller", d.controller()).attr("bus", d.bus()).attr("target", d.target()).attr("unit", d.unit());
        } else if (a instanceof Address.VirtioSerial v) {
            w.attr("controller", v.controller()).attr("bus", v.bus()).attr("port", v.port());
        } else if (a instanceof Address.Usb u) {
            w.attr("bus", u.bus()).attr("port", u.port());
        } else if (a instanceof Address.Isa i) {
            w.attr("iobase", i.iobase()).attr("irq", i.irq());
        }
        w.end();
    }
}
