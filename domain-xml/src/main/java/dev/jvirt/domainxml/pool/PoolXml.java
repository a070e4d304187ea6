package dev.jvirt.domainxml.pool;

import dev.jvirt.domainxml.Parsed;
import dev.jvirt.domainxml.xml.Node;
import dev.jvirt.domainxml.xml.PermissionsCodec;
import dev.jvirt.domainxml.xml.Sizes;
import dev.jvirt.domainxml.xml.XmlInput;
import dev.jvirt.domainxml.xml.XmlOutput;
import java.util.ArrayList;
import java.util.List;

/** Entry point for storage pool XML: parse, load (parse + defaults + validate) and canonical format. */
public final class PoolXml {
    private PoolXml() {}

    /** Parses pool XML; {@code sourceName} labels error messages (may be null). */
    public static StoragePool parse(String xml, String sourceName) {
        return read(xml, sourceName).definition();
    }

    /** Parses and keeps the element tree for line:column look-ups. */
    public static Parsed<StoragePool> read(String xml, String sourceName) {
        Node n = XmlInput.parse(xml, sourceName, "pool");
        String type = n.attr("type");
        String name = n.childText("name");
        String uuid = n.childText("uuid");
        Long cap = size(n.child("capacity"));
        Long alloc = size(n.child("allocation"));
        Long avail = size(n.child("available"));
        Node s = n.child("source");
        StoragePool.Source source = null;
        if (s != null) {
            List<String> devices = new ArrayList<>();
            for (Node d : s.children("device")) {
                devices.add(d.requiredAttr("path"));
            }
            Node dir = s.child("dir");
            Node fmt = s.child("format");
            Node host = s.child("host");
            source = new StoragePool.Source(devices, dir == null ? null : dir.attr("path"), s.childText("name"),
                    fmt == null ? null : fmt.attr("type"), host == null ? null : host.requiredAttr("name"));
        }
        Node t = n.child("target");
        String path = t == null ? null : t.childText("path");
        StoragePool pool = new StoragePool(type, name, uuid, cap, alloc, avail, source, path,
                t == null ? null : PermissionsCodec.read(t.child("permissions")));
        n.checkConsumed();
        return new Parsed<>(pool, sourceName, n);
    }

    private static Long size(Node n) {
        return n == null ? null : Sizes.bytes(n, "bytes");
    }

    /** Parses, fills defaults and validates. */
    public static StoragePool load(String xml, String sourceName) {
        Parsed<StoragePool> p = read(xml, sourceName);
        StoragePool filled = PoolDefaults.fill(p.definition());
        PoolValidator.requireValid(new Parsed<>(filled, sourceName, p.root()));
        return filled;
    }

    /** Canonical text. */
    public static String format(StoragePool p) {
        XmlOutput w = new XmlOutput();
        w.start("pool").attr("type", p.type());
        w.textElement("name", p.name());
        w.textElement("uuid", p.uuid());
        size(w, "capacity", p.capacityBytes());
        size(w, "allocation", p.allocationBytes());
        size(w, "available", p.availableBytes());
        StoragePool.Source s = p.source();
        if (s != null) {
            w.start("source");
            if (s.host() != null) {
                w.start("host").attr("name", s.host()).end();
            }
            for (String d : s.devices()) {
                w.start("device").attr("path", d).end();
            }
            if (s.dir() != null) {
                w.start("dir").attr("path", s.dir()).end();
            }
            w.textElement("name", s.name());
            if (s.format() != null) {
                w.start("format").attr("type", s.format()).end();
            }
            w.end();
        }
        if (p.targetPath() != null || p.targetPermissions() != null) {
            w.start("target");
            w.textElement("path", p.targetPath());
            PermissionsCodec.write(w, p.targetPermissions());
            w.end();
        }
        w.end();
        return w.finish();
    }

    private static void size(XmlOutput w, String name, Long bytes) {
        if (bytes != null) {
            w.start(name).attr("unit", "bytes").endWithText(bytes.toString());
        }
    }
}
