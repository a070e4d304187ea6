package dev.jvirt.domainxml.volume;

import dev.jvirt.domainxml.Parsed;
import dev.jvirt.domainxml.xml.Node;
import dev.jvirt.domainxml.xml.PermissionsCodec;
import dev.jvirt.domainxml.xml.Sizes;
import dev.jvirt.domainxml.xml.XmlInput;
import dev.jvirt.domainxml.xml.XmlOutput;

/** Entry point for storage volume XML: parse, load (parse + defaults + validate) and canonical format. */
public final class VolumeXml {
    private VolumeXml() {}

    /** Parses volume XML; {@code sourceName} labels error messages (may be null). */
    public static StorageVolume parse(String xml, String sourceName) {
        return read(xml, sourceName).definition();
    }

    /** Parses and keeps the element tree for line:column look-ups. */
    public static Parsed<StorageVolume> read(String xml, String sourceName) {
        Node n = XmlInput.parse(xml, sourceName, "volume");
        String type = n.attr("type");
        String name = n.childText("name");
        String key = n.childText("key");
        Node src = n.child("source");
        if (src != null && (!src.text().isEmpty())) {
            throw src.error("unexpected text in <source>");
        }
        Node c = n.child("capacity");
        long cap = c == null ? -1 : Sizes.bytes(c, "bytes");
        Node a = n.child("allocation");
        Long alloc = a == null ? null : Sizes.bytes(a, "bytes");
        Node phys = n.child("physical");
        if (phys != null) {
            Sizes.bytes(phys, "bytes"); // reported by libvirt; not part of a definition
        }
        Node t = n.child("target");
        StorageVolume.Target target = null;
        if (t != null) {
            Node fmt = t.child("format");
            Node features = t.child("features");
            boolean lazy = features != null && features.flag("lazy_refcounts");
            Node ts = t.child("timestamps");
            if (ts != null) {
                ts.markOpaque(); // reported by libvirt (atime, mtime, ctime); not part of a definition
            }
            target = new StorageVolume.Target(t.childText("path"), fmt == null ? null : fmt.attr("type"),
                    PermissionsCodec.read(t.child("permissions")), t.childText("compat"), lazy);
        }
        Node b = n.child("backingStore");
        StorageVolume.BackingStore bs = null;
        if (b != null) {
            Node fmt = b.child("format");
            bs = new StorageVolume.BackingStore(b.childText("path"), fmt == null ? null : fmt.attr("type"),
                    PermissionsCodec.read(b.child("permissions")));
        }
        n.checkConsumed();
        return new Parsed<>(new StorageVolume(type, name, key, cap, alloc, target, bs), sourceName, n);
    }

    /** Parses, fills defaults and validates. */
    public static StorageVolume load(String xml, String sourceName) {
        Parsed<StorageVolume> p = read(xml, sourceName);
        StorageVolume filled = VolumeDefaults.fill(p.definition());
        VolumeValidator.requireValid(new Parsed<>(filled, sourceName, p.root()));
        return filled;
    }

    /** Canonical text. */
    public static String format(StorageVolume v) {
        XmlOutput w = new XmlOutput();
        w.start("volume").attr("type", v.type());
        w.textElement("name", v.name());
        w.textElement("key", v.key());
        if (v.capacityBytes() >= 0) {
            w.start("capacity").attr("unit", "bytes").endWithText(Long.toString(v.capacityBytes()));
        }
        if (v.allocationBytes() != null) {
            w.start("allocation").attr("unit", "bytes").endWithText(v.allocationBytes().toString());
        }
        StorageVolume.Target t = v.target();
        if (t != null) {
            w.start("target");
            w.textElement("path", t.path());
            if (t.format() != null) {
                w.start("format").attr("type", t.format()).end();
            }
            PermissionsCodec.write(w, t.permissions());
            w.textElement("compat", t.compat());
            if (t.lazyRefcounts()) {
                w.start("features").flag("lazy_refcounts", true).end();
            }
            w.end();
        }
        StorageVolume.BackingStore b = v.backingStore();
        if (b != null) {
            w.start("backingStore");
            w.textElement("path", b.path());
            if (b.format() != null) {
                w.start("format").attr("type", b.format()).end();
            }
            PermissionsCodec.write(w, b.permissions());
            w.end();
        }
        w.end();
        return w.finish();
    }
}
