package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.xml.Node;
import dev.jvirt.domainxml.xml.XmlOutput;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@code <sysinfo>} (SMBIOS sections, fwcfg entries). */
final class SysinfoCodec {
    private SysinfoCodec() {}

    static Sysinfo read(Node n) {
        String type = n.attr("type");
        List<List<Sysinfo.Entry>> boards = new ArrayList<>();
        for (Node b : n.children("baseBoard")) {
            boards.add(entries(b));
        }
        List<String> oem = new ArrayList<>();
        Node o = n.child("oemStrings");
        if (o != null) {
            for (Node e : o.children("entry")) {
                oem.add(e.text());
            }
        }
        return new Sysinfo(type, entries(n.child("bios")), entries(n.child("system")), boards,
                entries(n.child("chassis")), oem, "fwcfg".equals(type) ? entries(n) : List.of());
    }

    private static List<Sysinfo.Entry> entries(Node section) {
        if (section == null) {
            return List.of();
        }
        List<Sysinfo.Entry> out = new ArrayList<>();
        for (Node e : section.children("entry")) {
            String file = e.attr("file");
            String t = e.text();
            out.add(new Sysinfo.Entry(e.attr("name"), file, t.isEmpty() ? null : t));
        }
        return out;
    }

    static void write(XmlOutput w, Sysinfo s) {
        w.start("sysinfo").attr("type", s.type());
        section(w, "bios", s.bios());
        section(w, "system", s.system());
        for (List<Sysinfo.Entry> b : s.baseBoards()) {
            section(w, "baseBoard", b);
        }
        section(w, "chassis", s.chassis());
        if (!s.oemStrings().isEmpty()) {
            w.start("oemStrings");
            for (String e : s.oemStrings()) {
                w.textElement("entry", e);
            }
            w.end();
        }
        writeEntries(w, s.entries());
        w.end();
    }

    private static void section(XmlOutput w, String name, List<Sysinfo.Entry> entries) {
        if (!entries.isEmpty()) {
            w.start(name);
            writeEntries(w, entries);
            w.end();
        }
    }

    private static void writeEntries(XmlOutput w, List<Sysinfo.Entry> entries) {
        for (Sysinfo.Entry e : entries) {
            w.start("entry").attr("name", e.name()).attr("file", e.file());
            if (e.value() == null) {
                w.end();
            } else {
                w.endWithText(e.value());
            }
        }
    }
}
