package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.xml.Node;
import dev.jvirt.domainxml.xml.Sizes;
import dev.jvirt.domainxml.xml.XmlOutput;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the {@link Tuning} elements: blkiotune, memtune, cputune, numatune, resource. */
final class TuningCodec {
    private TuningCodec() {}

    static Tuning read(Node d) {
        Node res = d.child("resource");
        String partition = null;
        if (res != null) {
            partition = res.childText("partition");
        }
        Tuning t = new Tuning(blkiotune(d.child("blkiotune")), memtune(d.child("memtune")), cputune(d.child("cputune")),
                numatune(d.child("numatune")), partition);
        return t.isEmpty() ? null : t;
    }

    private static BlkioTune blkiotune(Node n) {
        if (n == null) {
            return null;
        }
        List<BlkioTune.Device> devices = new ArrayList<>();
        for (Node dev : n.children("device")) {
            devices.add(new BlkioTune.Device(dev.childText("path"), integer(dev.child("weight")),
                    number(dev.child("read_bytes_sec")), number(dev.child("write_bytes_sec")),
                    number(dev.child("read_iops_sec")), number(dev.child("write_iops_sec"))));
        }
        return new BlkioTune(integer(n.child("weight")), devices);
    }

    private static MemTune memtune(Node n) {
        if (n == null) {
            return null;
        }
        return new MemTune(kib(n.child("hard_limit")), kib(n.child("soft_limit")), kib(n.child("swap_hard_limit")),
                kib(n.child("min_guarantee")));
    }

    private static CpuTune cputune(Node n) {
        if (n == null) {
            return null;
        }
        List<CpuTune.Pin> vcpu = new ArrayList<>();
        for (Node p : n.children("vcpupin")) {
            vcpu.add(new CpuTune.Pin(p.intAttr("vcpu"), p.attr("cpuset")));
        }
        List<CpuTune.Pin> io = new ArrayList<>();
        for (Node p : n.children("iothreadpin")) {
            io.add(new CpuTune.Pin(p.intAttr("iothread"), p.attr("cpuset")));
        }
        Node emu = n.child("emulatorpin");
        return new CpuTune(number(n.child("shares")), number(n.child("period")), number(n.child("quota")),
                number(n.child("global_period")), number(n.child("global_quota")), number(n.child("emulator_period")),
                number(n.child("emulator_quota")), number(n.child("iothread_period")), number(n.child("iothread_quota")),
                vcpu, emu == null ? null : emu.attr("cpuset"), io);
    }

    private static NumaTune numatune(Node n) {
        if (n == null) {
            return null;
        }
        Node m = n.child("memory");
        NumaTune.Memory mem = m == null ? null : new NumaTune.Memory(m.attr("mode"), m.attr("nodeset"), m.attr("placement"));
        List<NumaTune.MemNode> nodes = new ArrayList<>();
        for (Node mn : n.children("memnode")) {
            nodes.add(new NumaTune.MemNode(mn.intAttr("cellid"), mn.attr("mode"), mn.attr("nodeset")));
        }
        return new NumaTune(mem, nodes);
    }

    private static Long kib(Node n) {
        return n == null ? null : Sizes.kib(n);
    }

    private static Long number(Node n) {
        return n == null ? null : n.parseLong(n.text(), "<" + n.name() + ">");
    }

    private static Integer integer(Node n) {
        return n == null ? null : n.parseInt(n.text(), "<" + n.name() + ">");
    }

    /** blkiotune and memtune: written before memoryBacking, as libvirt does. */
    static void writeLimits(XmlOutput w, Tuning t) {
        if (t == null) {
            return;
        }
        BlkioTune b = t.blkiotune();
        if (b != null) {
            w.start("blkiotune");
            text(w, "weight", b.weight());
            for (BlkioTune.Device d : b.devices()) {
                w.start("device");
                w.textElement("path", d.path());
                text(w, "weight", d.weight());
                text(w, "read_iops_sec", d.readIopsSec());
                text(w, "write_iops_sec", d.writeIopsSec());
                text(w, "read_bytes_sec", d.readBytesSec());
                text(w, "write_bytes_sec", d.writeBytesSec());
                w.end();
            }
            w.end();
        }
        MemTune m = t.memtune();
        if (m != null) {
            w.start("memtune");
            size(w, "hard_limit", m.hardLimitKiB());
            size(w, "soft_limit", m.softLimitKiB());
            size(w, "swap_hard_limit", m.swapHardLimitKiB());
            size(w, "min_guarantee", m.minGuaranteeKiB());
            w.end();
        }
    }

    /** cputune, numatune and resource: written after vcpu/iothreads, as libvirt does. */
    static void writePlacement(XmlOutput w, Tuning t) {
        if (t == null) {
            return;
        }
        CpuTune c = t.cputune();
        if (c != null) {
            w.start("cputune");
            text(w, "shares", c.shares());
            text(w, "period", c.period());
            text(w, "quota", c.quota());
            text(w, "global_period", c.globalPeriod());
            text(w, "global_quota", c.globalQuota());
            text(w, "emulator_period", c.emulatorPeriod());
            text(w, "emulator_quota", c.emulatorQuota());
            text(w, "iothread_period", c.iothreadPeriod());
            text(w, "iothread_quota", c.iothreadQuota());
            for (CpuTune.Pin p : c.vcpupins()) {
                w.start("vcpupin").attr("vcpu", p.id()).attr("cpuset", p.cpuset()).end();
            }
            if (c.emulatorpin() != null) {
                w.start("emulatorpin").attr("cpuset", c.emulatorpin()).end();
            }
            for (CpuTune.Pin p : c.iothreadpins()) {
                w.start("iothreadpin").attr("iothread", p.id()).attr("cpuset", p.cpuset()).end();
            }
            w.end();
        }
        NumaTune n = t.numatune();
        if (n != null) {
            w.start("numatune");
            if (n.memory() != null) {
                w.start("memory").attr("mode", n.memory().mode()).attr("nodeset", n.memory().nodeset())
                        .attr("placement", n.memory().placement()).end();
            }
            for (NumaTune.MemNode m : n.memnodes()) {
                w.start("memnode").attr("cellid", m.cellid()).attr("mode", m.mode()).attr("nodeset", m.nodeset()).end();
            }
            w.end();
        }
        if (t.partition() != null) {
            w.start("resource");
            w.textElement("partition", t.partition());
            w.end();
        }
    }

    private static void text(XmlOutput w, String name, Number v) {
        if (v != null) {
            w.textElement(name, v.toString());
        }
    }

    private static void size(XmlOutput w, String name, Long kib) {
        if (kib != null) {
            w.start(name).attr("unit", "KiB").endWithText(kib.toString());
        }
    }
}
