package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.xml.XmlOutput;

/** Writes {@code <os>}, {@code <cpu>} and {@code <clock>}; {@code <features>} is {@link FeaturesCodec}. */
final class OsWriter {
    private OsWriter() {}

    static void os(XmlOutput w, Os os) {
        if (os == null) {
            return;
        }
        w.start("os").attr("firmware", os.firmware());
        if (os.type() != null || os.arch() != null || os.machine() != null) {
            w.start("type").attr("arch", os.arch()).attr("machine", os.machine());
            if (os.type() == null || os.type().isEmpty()) {
                w.end();
            } else {
                w.endWithText(os.type());
            }
        }
        if (!os.firmwareFeatures().isEmpty()) {
            w.start("firmware");
            for (Os.FirmwareFeature f : os.firmwareFeatures()) {
                w.start("feature").yesNo("enabled", f.enabled()).attr("name", f.name()).end();
            }
            w.end();
        }
        Os.Loader l = os.loader();
        if (l != null) {
            w.start("loader").yesNo("readonly", l.readonly()).yesNo("secure", l.secure()).attr("type", l.type());
            if (l.path() == null) {
                w.end();
            } else {
                w.endWithText(l.path());
            }
        }
        Os.Nvram n = os.nvram();
        if (n != null) {
            w.start("nvram").attr("template", n.template());
            if (n.path() == null) {
                w.end();
            } else {
                w.endWithText(n.path());
            }
        }
        w.textElement("kernel", os.kernel());
        w.textElement("initrd", os.initrd());
        w.textElement("cmdline", os.cmdline());
        for (String dev : os.bootDevices()) {
            w.start("boot").attr("dev", dev).end();
        }
        if (os.bootMenu() != null) {
            w.start("bootmenu").yesNo("enable", os.bootMenu().enable()).attr("timeout", os.bootMenu().timeout()).end();
        }
        if (os.smbiosMode() != null) {
            w.start("smbios").attr("mode", os.smbiosMode()).end();
        }
        if (os.bios() != null) {
            w.start("bios").yesNo("useserial", os.bios().useserial()).attr("rebootTimeout", os.bios().rebootTimeout()).end();
        }
        w.end();
    }

    static void cpu(XmlOutput w, Cpu c) {
        if (c == null) {
            return;
        }
        w.start("cpu").attr("mode", c.mode()).attr("match", c.match()).attr("check", c.check())
                .onOff("migratable", c.migratable());
        if (c.model() != null) {
            w.start("model").attr("fallback", c.model().fallback());
            if (c.model().name() == null) {
                w.end();
            } else {
                w.endWithText(c.model().name());
            }
        }
        w.textElement("vendor", c.vendor());
        Cpu.Topology t = c.topology();
        if (t != null) {
            w.start("topology").attr("sockets", t.sockets()).attr("dies", t.dies()).attr("cores", t.cores())
                    .attr("threads", t.threads()).end();
        }
        if (c.cache() != null) {
            w.start("cache").attr("level", c.cache().level()).attr("mode", c.cache().mode()).end();
        }
        for (Cpu.Feature f : c.features()) {
            w.start("feature").attr("policy", f.policy()).attr("name", f.name()).end();
        }
        if (!c.numa().isEmpty()) {
            w.start("numa");
            for (Cpu.NumaCell cell : c.numa()) {
                w.start("cell").attr("id", cell.id()).attr("cpus", cell.cpus()).attr("memory", cell.memoryKiB())
                        .attr("unit", "KiB").attr("memAccess", cell.memAccess()).yesNo("discard", cell.discard());
                if (!cell.distances().isEmpty()) {
                    w.start("distances");
                    for (Cpu.Sibling sib : cell.distances()) {
                        w.start("sibling").attr("id", sib.id()).attr("value", sib.value()).end();
                    }
                    w.end();
                }
                w.end();
            }
            w.end();
        }
        w.end();
    }

    static void clock(XmlOutput w, Clock c) {
        if (c == null) {
            return;
        }
        w.start("clock").attr("offset", c.offset()).attr("timezone", c.timezone())
                .attr("adjustment", c.adjustment()).attr("basis", c.basis());
        for (Clock.Timer t : c.timers()) {
            w.start("timer").attr("name", t.name()).yesNo("present", t.present()).attr("tickpolicy", t.tickpolicy())
                    .attr("track", t.track()).attr("frequency", t.frequency()).attr("mode", t.mode());
            if (t.catchup() != null) {
                w.start("catchup").attr("threshold", t.catchup().threshold()).attr("slew", t.catchup().slew())
                        .attr("limit", t.catchup().limit()).end();
            }
            w.end();
        }
        w.end();
    }
}
