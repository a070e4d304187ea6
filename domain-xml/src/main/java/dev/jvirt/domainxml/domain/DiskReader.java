package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.xml.Node;

/** Binds {@code <disk>} and its backing chain. */
final class DiskReader {
    private DiskReader() {}

    static Disk disk(Node n) {
        String type = n.attr("type");
        String device = n.attr("device");
        Node dr = n.child("driver");
        Disk.Driver driver = dr == null ? null
                : new Disk.Driver(dr.attr("name"), dr.attr("type"), dr.attr("cache"), dr.attr("io"),
                        dr.attr("discard"), dr.attr("detect_zeroes"), dr.intAttr("iothread"), dr.intAttr("queues"),
                        dr.attr("error_policy"));
        Node s = n.child("source");
        if (s != null) {
            s.attr("index"); // live XML numbers the image in the running block graph: runtime state, dropped
        }
        Disk.Source source = s == null ? null
                : new Disk.Source(s.attr("file"), s.attr("dev"), s.attr("pool"), s.attr("volume"),
                        s.attr("mode"), s.attr("startupPolicy"), s.attr("protocol"), s.attr("name"), hosts(s));
        BackingStoreHolder bs = backing(n.child("backingStore"));
        Node t = n.child("target");
        Disk.Target target = t == null ? null
                : new Disk.Target(t.attr("dev"), t.attr("bus"), t.attr("tray"), t.onOff("removable"));
        boolean ro = n.flag("readonly");
        boolean share = n.flag("shareable");
        String serial = n.childText("serial");
        Integer order = DeviceReader.bootOrder(n);
        Address address = AddressCodec.read(n.child("address"));
        return new Disk(type, device, driver, source, bs.value, target, ro, share, serial, order, address, io(n));
    }

    private static java.util.List<Disk.Host> hosts(Node s) {
        java.util.List<Disk.Host> out = new java.util.ArrayList<>();
        for (Node h : s.children("host")) {
            out.add(new Disk.Host(h.attr("name"), h.attr("port"), h.attr("transport"), h.attr("socket")));
        }
        return out;
    }

    private static Disk.Io io(Node n) {
        Node it = n.child("iotune");
        Disk.Iotune iotune = null;
        if (it != null) {
            java.util.List<Long> v = new java.util.ArrayList<>();
            for (String name : Disk.Iotune.NAMES) {
                Node x = it.child(name);
                v.add(x == null ? null : x.parseLong(x.text(), "<" + name + ">"));
            }
            iotune = Disk.Iotune.of(v, it.childText("group_name"));
        }
        Node bio = n.child("blockio");
        String wwn = n.childText("wwn");
        if (iotune == null && bio == null && wwn == null) {
            return null;
        }
        return new Disk.Io(iotune, bio == null ? null : bio.intAttr("logical_block_size"),
                bio == null ? null : bio.intAttr("physical_block_size"), wwn);
    }

    /** Distinguishes an absent backingStore from an empty {@code <backingStore/>} terminator. */
    private record BackingStoreHolder(Disk.BackingStore value) {}

    private static BackingStoreHolder backing(Node n) {
        if (n == null) {
            return new BackingStoreHolder(null);
        }
        String type = n.attr("type");
        n.attr("index");
        Node f = n.child("format");
        String format = f == null ? null : f.attr("type");
        Node s = n.child("source");
        String src = null;
        if (s != null) {
            String file = s.attr("file");
            String dev = s.attr("dev");
            src = file != null ? file : dev;
        }
        Disk.BackingStore next = backing(n.child("backingStore")).value;
        if (type == null && format == null && src == null && next == null) {
            return new BackingStoreHolder(null);
        }
        return new BackingStoreHolder(new Disk.BackingStore(type, format, src, next));
    }
}
