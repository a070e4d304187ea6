package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.VerbatimElement;
import dev.jvirt.domainxml.xml.Node;
import dev.jvirt.domainxml.xml.Sizes;
import java.util.ArrayList;
import java.util.List;

/** Binds a {@code <domain>} element tree to a {@link Domain}; devices go to {@link DeviceReader}. */
final class DomainReader {
    private DomainReader() {}

    static Domain read(Node d) {
        String type = d.attr("type");
        d.attr("id"); // live XML carries the running id; it is not part of a definition
        String name = d.childText("name");
        Tuning tuning = TuningCodec.read(d);
        List<Sysinfo> sysinfo = new ArrayList<>();
        for (Node si : d.children("sysinfo")) {
            sysinfo.add(SysinfoCodec.read(si));
        }
        List<Seclabel> seclabels = new ArrayList<>();
        for (Node sl : d.children("seclabel")) {
            seclabels.add(seclabel(sl));
        }
        QemuCommandline qemu = qemuCommandline(d);
        List<VerbatimElement> extensions = new ArrayList<>(Extensions.read(d, Extensions.DOMAIN));
        extensions.addAll(Extensions.readQemu(d));
        String uuid = d.childText("uuid");
        String title = d.childText("title");
        Node desc = d.child("description");
        List<VerbatimElement> metadata = metadata(d.child("metadata"));
        Domain.MaxMemory maxMemory = null;
        Node mm = d.child("maxMemory");
        if (mm != null) {
            Integer slots = mm.intAttr("slots");
            maxMemory = new Domain.MaxMemory(Sizes.kib(mm), slots);
        }
        Node mem = d.child("memory");
        long memory = 0;
        if (mem != null) {
            mem.attr("dumpCore");
            memory = Sizes.kib(mem);
        }
        Node cur = d.child("currentMemory");
        Long current = cur == null ? null : Sizes.kib(cur);
        Node iot = d.child("iothreads");
        Integer iothreads = iot == null ? null : iot.parseInt(iot.text(), "<iothreads>");
        Node on1 = d.child("on_poweroff");
        Node on2 = d.child("on_reboot");
        Node on3 = d.child("on_crash");
        return new Domain(
                type,
                name,
                uuid,
                title,
                desc == null ? null : desc.rawText(),
                metadata,
                maxMemory,
                memory,
                current,
                memoryBacking(d.child("memoryBacking")),
                vcpu(d.child("vcpu")),
                iothreads,
                OsReader.os(d.child("os")),
                FeaturesCodec.read(d.child("features")),
                OsReader.cpu(d.child("cpu")),
                OsReader.clock(d.child("clock")),
                on1 == null ? null : on1.text(),
                on2 == null ? null : on2.text(),
                on3 == null ? null : on3.text(),
                pm(d.child("pm")),
                DeviceReader.devices(d.child("devices")),
                tuning,
                sysinfo,
                seclabels,
                qemu,
                extensions,
                d.comments());
    }

    private static Seclabel seclabel(Node n) {
        String type = n.attr("type");
        String label = n.childText("label");
        String image = n.childText("imagelabel");
        if ("dynamic".equals(type)) {
            // a dynamic label is chosen at start: live XML shows it, a definition does not keep it (as libvirt)
            label = null;
            image = null;
        }
        return new Seclabel(type, n.attr("model"), n.yesNo("relabel"), label, image, n.childText("baselabel"));
    }

    /** {@code <qemu:commandline>} under whichever prefix the document binds to libvirt's QEMU namespace. */
    private static QemuCommandline qemuCommandline(Node d) {
        String prefix = null;
        for (String name : d.childNames()) {
            if (name.endsWith(":commandline")) {
                prefix = name.substring(0, name.length() - ":commandline".length());
                break;
            }
        }
        if (prefix == null) {
            return null;
        }
        Node c = d.child(prefix + ":commandline");
        if (!QemuCommandline.NAMESPACE.equals(c.namespaceUri(prefix))) {
            throw c.error("<" + c.name() + "> is not in libvirt's QEMU namespace (xmlns:" + prefix + "='"
                    + QemuCommandline.NAMESPACE + "')");
        }
        List<String> args = new ArrayList<>();
        for (Node a : c.children(prefix + ":arg")) {
            args.add(a.requiredAttr("value"));
        }
        List<QemuCommandline.Env> env = new ArrayList<>();
        for (Node e : c.children(prefix + ":env")) {
            env.add(new QemuCommandline.Env(e.requiredAttr("name"), e.attr("value")));
        }
        return new QemuCommandline(args, env);
    }

    static List<VerbatimElement> metadata(Node m) {
        if (m == null) {
            return List.of();
        }
        m.markOpaque();
        List<VerbatimElement> out = new ArrayList<>();
        for (Node e : m.childNodes()) {
            out.add(e.toVerbatimInScope());
        }
        return out;
    }

    private static MemoryBacking memoryBacking(Node n) {
        if (n == null) {
            return null;
        }
        Node hp = n.child("hugepages");
        boolean huge = hp != null;
        List<MemoryBacking.Page> pages = new ArrayList<>();
        if (hp != null) {
            for (Node page : hp.children("page")) {
                pages.add(new MemoryBacking.Page(Sizes.kibAttr(page, "size", "unit"), page.attr("nodeset")));
            }
        }
        boolean noshare = n.flag("nosharepages");
        boolean locked = n.flag("locked");
        Node src = n.child("source");
        Node acc = n.child("access");
        Node alloc = n.child("allocation");
        boolean discard = n.flag("discard");
        return new MemoryBacking(huge, noshare, locked,
                src == null ? null : src.attr("type"),
                acc == null ? null : acc.attr("mode"),
                alloc == null ? null : alloc.attr("mode"),
                discard, pages);
    }

    private static Vcpu vcpu(Node n) {
        if (n == null) {
            return null;
        }
        String placement = n.attr("placement");
        String cpuset = n.attr("cpuset");
        Integer current = n.intAttr("current");
        String t = n.text();
        if (t.isEmpty()) {
            throw n.error("a vCPU count is required");
        }
        return new Vcpu(n.parseInt(t, "vCPU count"), current, placement, cpuset);
    }

    private static PowerManagement pm(Node n) {
        if (n == null) {
            return null;
        }
        Node mem = n.child("suspend-to-mem");
        Node disk = n.child("suspend-to-disk");
        return new PowerManagement(mem == null ? null : mem.yesNo("enabled"), disk == null ? null : disk.yesNo("enabled"));
    }
}
