package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.xml.Node;
import dev.jvirt.domainxml.xml.Sizes;
import java.util.ArrayList;
import java.util.List;

/** Binds {@code <os>}, {@code <cpu>} and {@code <clock>}; {@code <features>} is {@link FeaturesCodec}. */
final class OsReader {
    private OsReader() {}

    static Os os(Node n) {
        if (n == null) {
            return null;
        }
        String firmware = n.attr("firmware");
        Node type = n.child("type");
        String arch = null;
        String machine = null;
        String typeText = null;
        if (type != null) {
            arch = type.attr("arch");
            machine = type.attr("machine");
            typeText = type.text();
        }
        Node l = n.child("loader");
        Os.Loader loader = null;
        if (l != null) {
            Boolean ro = l.yesNo("readonly");
            Boolean secure = l.yesNo("secure");
            String lt = l.attr("type");
            String p = l.text();
            loader = new Os.Loader(ro, secure, lt, p.isEmpty() ? null : p);
        }
        Node nv = n.child("nvram");
        Os.Nvram nvram = null;
        if (nv != null) {
            String tpl = nv.attr("template");
            String p = nv.text();
            nvram = new Os.Nvram(tpl, p.isEmpty() ? null : p);
        }
        String kernel = n.childText("kernel");
        String initrd = n.childText("initrd");
        Node cmd = n.child("cmdline");
        String cmdline = cmd == null ? null : cmd.rawText();
        List<String> boot = new ArrayList<>(2);
        for (Node b : n.children("boot")) {
            boot.add(b.requiredAttr("dev"));
        }
        Node bm = n.child("bootmenu");
        Os.BootMenu bootMenu = bm == null ? null : new Os.BootMenu(bm.yesNo("enable"), bm.intAttr("timeout"));
        Node bi = n.child("bios");
        Os.Bios bios = bi == null ? null : new Os.Bios(bi.yesNo("useserial"), bi.intAttr("rebootTimeout"));
        Node sm = n.child("smbios");
        List<Os.FirmwareFeature> fw = new ArrayList<>();
        Node fwNode = n.child("firmware");
        if (fwNode != null) {
            for (Node f : fwNode.children("feature")) {
                fw.add(new Os.FirmwareFeature(f.yesNo("enabled"), f.attr("name")));
            }
        }
        return new Os(firmware, typeText, arch, machine, loader, nvram, kernel, initrd, cmdline, boot,
                bootMenu, bios, sm == null ? null : sm.attr("mode"), fw);
    }

    static Cpu cpu(Node n) {
        if (n == null) {
            return null;
        }
        String mode = n.attr("mode");
        String match = n.attr("match");
        String check = n.attr("check");
        Boolean migratable = n.onOff("migratable");
        Node m = n.child("model");
        Cpu.Model model = null;
        if (m != null) {
            String fallback = m.attr("fallback");
            String t = m.text();
            model = new Cpu.Model(t.isEmpty() ? null : t, fallback);
        }
        String vendor = n.childText("vendor");
        Node t = n.child("topology");
        Cpu.Topology topo = t == null ? null
                : new Cpu.Topology(t.intAttr("sockets"), t.intAttr("dies"), t.intAttr("cores"), t.intAttr("threads"));
        List<Cpu.Feature> features = new ArrayList<>();
        for (Node f : n.children("feature")) {
            features.add(new Cpu.Feature(f.attr("policy"), f.attr("name")));
        }
        Node cache = n.child("cache");
        Cpu.Cache c = cache == null ? null : new Cpu.Cache(cache.intAttr("level"), cache.attr("mode"));
        List<Cpu.NumaCell> cells = new ArrayList<>();
        Node numa = n.child("numa");
        if (numa != null) {
            for (Node cell : numa.children("cell")) {
                cells.add(cell(cell));
            }
        }
        return new Cpu(mode, match, check, migratable, model, vendor, topo, features, c, cells);
    }

    private static Cpu.NumaCell cell(Node cell) {
        Integer id = cell.intAttr("id");
        String cpus = cell.attr("cpus");
        long kib = Sizes.kibAttr(cell, "memory", "unit");
        String access = cell.attr("memAccess");
        Boolean discard = cell.yesNo("discard");
        List<Cpu.Sibling> siblings = new ArrayList<>();
        Node dist = cell.child("distances");
        if (dist != null) {
            for (Node sib : dist.children("sibling")) {
                siblings.add(new Cpu.Sibling(sib.intAttr("id"), sib.intAttr("value")));
            }
        }
        return new Cpu.NumaCell(id, cpus, kib, access, discard, siblings);
    }

    static Clock clock(Node n) {
        if (n == null) {
            return null;
        }
        String offset = n.attr("offset");
        String tz = n.attr("timezone");
        String adj = n.attr("adjustment");
        String basis = n.attr("basis");
        List<Clock.Timer> timers = new ArrayList<>();
        for (Node t : n.children("timer")) {
            Node cu = t.child("catchup");
            Clock.Catchup catchup = cu == null ? null
                    : new Clock.Catchup(cu.longAttr("threshold"), cu.longAttr("slew"), cu.longAttr("limit"));
            timers.add(new Clock.Timer(t.attr("name"), t.attr("tickpolicy"), t.attr("track"), t.yesNo("present"),
                    t.longAttr("frequency"), t.attr("mode"), catchup));
        }
        return new Clock(offset, tz, adj, basis, timers);
    }
}
