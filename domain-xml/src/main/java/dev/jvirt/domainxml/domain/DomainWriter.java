package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.VerbatimElement;
import dev.jvirt.domainxml.xml.XmlOutput;
import java.util.function.Function;

/** Writes a {@link Domain} in libvirt's element order; devices go to {@link DeviceWriter}. */
final class DomainWriter {
    private DomainWriter() {}

    static String write(Domain d, Integer id, Function<Object, String> aliases) {
        XmlOutput w = new XmlOutput();
        for (String c : d.comments()) {
            w.comment(c);
        }
        boolean qemuNs = d.qemuCommandline() != null || d.extensions().stream().anyMatch(e -> e.name().startsWith("qemu:"));
        w.start("domain").attr("type", d.type()).attr("id", id).attr("xmlns:qemu", qemuNs ? QemuCommandline.NAMESPACE : null);
        w.textElement("name", d.name());
        w.textElement("uuid", d.uuid());
        w.textElement("title", d.title());
        w.textElement("description", d.description());
        if (!d.metadata().isEmpty()) {
            w.start("metadata");
            for (VerbatimElement e : d.metadata()) {
                w.verbatim(e);
            }
            w.end();
        }
        if (d.maxMemory() != null) {
            w.start("maxMemory").attr("slots", d.maxMemory().slots()).attr("unit", "KiB")
                    .endWithText(Long.toString(d.maxMemory().kib()));
        }
        if (d.memoryKiB() > 0) {
            w.start("memory").attr("unit", "KiB").endWithText(Long.toString(d.memoryKiB()));
        }
        if (d.currentMemoryKiB() != null) {
            w.start("currentMemory").attr("unit", "KiB").endWithText(Long.toString(d.currentMemoryKiB()));
        }
        TuningCodec.writeLimits(w, d.tuning());
        memoryBacking(w, d.memoryBacking());
        if (d.vcpu() != null) {
            Vcpu v = d.vcpu();
            w.start("vcpu").attr("placement", v.placement()).attr("cpuset", v.cpuset()).attr("current", v.current())
                    .endWithText(Integer.toString(v.count()));
        }
        if (d.iothreads() != null) {
            w.textElement("iothreads", d.iothreads().toString());
        }
        TuningCodec.writePlacement(w, d.tuning());
        for (Sysinfo si : d.sysinfo()) {
            SysinfoCodec.write(w, si);
        }
        OsWriter.os(w, d.os());
        FeaturesCodec.write(w, d.features());
        OsWriter.cpu(w, d.cpu());
        OsWriter.clock(w, d.clock());
        w.textElement("on_poweroff", d.onPoweroff());
        w.textElement("on_reboot", d.onReboot());
        w.textElement("on_crash", d.onCrash());
        if (d.pm() != null) {
            w.start("pm");
            if (d.pm().suspendToMem() != null) {
                w.start("suspend-to-mem").yesNo("enabled", d.pm().suspendToMem()).end();
            }
            if (d.pm().suspendToDisk() != null) {
                w.start("suspend-to-disk").yesNo("enabled", d.pm().suspendToDisk()).end();
            }
            w.end();
        }
        for (VerbatimElement e : d.extensions()) {
            if (!e.name().startsWith("qemu:")) {
                w.element(e);
            }
        }
        DeviceWriter.devices(w, d.devices(), aliases);
        for (Seclabel s : d.seclabels()) {
            w.start("seclabel").attr("type", s.type()).attr("model", s.model()).yesNo("relabel", s.relabel());
            w.textElement("label", s.label());
            w.textElement("imagelabel", s.imagelabel());
            w.textElement("baselabel", s.baselabel());
            w.end();
        }
        QemuCommandline q = d.qemuCommandline();
        if (q != null) {
            w.start("qemu:commandline");
            for (String a : q.args()) {
                w.start("qemu:arg").attr("value", a).end();
            }
            for (QemuCommandline.Env e : q.env()) {
                w.start("qemu:env").attr("name", e.name()).attr("value", e.value()).end();
            }
            w.end();
        }
        for (VerbatimElement e : d.extensions()) {
            if (e.name().startsWith("qemu:")) {
                w.element(e);
            }
        }
        w.end();
        return w.finish();
    }

    private static void memoryBacking(XmlOutput w, MemoryBacking m) {
        if (m == null) {
            return;
        }
        w.start("memoryBacking");
        if (m.hugepages() && !m.pages().isEmpty()) {
            w.start("hugepages");
            for (MemoryBacking.Page p : m.pages()) {
                w.start("page").attr("size", p.sizeKiB()).attr("unit", "KiB").attr("nodeset", p.nodeset()).end();
            }
            w.end();
        } else {
            w.flag("hugepages", m.hugepages());
        }
        w.flag("nosharepages", m.nosharepages());
        w.flag("locked", m.locked());
        if (m.sourceType() != null) {
            w.start("source").attr("type", m.sourceType()).end();
        }
        if (m.accessMode() != null) {
            w.start("access").attr("mode", m.accessMode()).end();
        }
        if (m.allocationMode() != null) {
            w.start("allocation").attr("mode", m.allocationMode()).end();
        }
        w.flag("discard", m.discard());
        w.end();
    }
}
