package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.xml.Node;
import dev.jvirt.domainxml.xml.XmlOutput;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@code <features>}, with its {@code <hyperv>} and {@code <kvm>} parts. */
final class FeaturesCodec {
    /** Hyper-V enlightenments in libvirt's order (the order its dumpxml writes them in). */
    static final List<String> HYPERV = List.of("relaxed", "vapic", "spinlocks", "vpindex", "runtime", "synic",
            "stimer", "reset", "vendor_id", "frequencies", "reenlightenment", "tlbflush", "ipi", "evmcs", "avic",
            "emsr_bitmap", "xmm_input");

    private FeaturesCodec() {}

    static Features read(Node n) {
        if (n == null) {
            return null;
        }
        boolean acpi = n.flag("acpi");
        Node apicNode = n.child("apic");
        if (apicNode != null) {
            apicNode.attr("eoi"); // accepted as libvirt's schema allows; QEMU has no switch for it on x86
        }
        boolean pae = n.flag("pae");
        Boolean hap = state(n.child("hap"));
        Boolean vmport = state(n.child("vmport"));
        Node smmNode = n.child("smm");
        Boolean smm = state(smmNode);
        Boolean pmu = state(n.child("pmu"));
        Boolean hidden = null;
        Boolean dedicated = null;
        Boolean poll = null;
        Boolean pvIpi = null;
        Node kvm = n.child("kvm");
        if (kvm != null) {
            hidden = state(kvm.child("hidden"));
            dedicated = state(kvm.child("hint-dedicated"));
            poll = state(kvm.child("poll-control"));
            pvIpi = state(kvm.child("pv-ipi"));
        }
        Node io = n.child("ioapic");
        Node gic = n.child("gic");
        return new Features(acpi, apicNode != null, pae, hap, vmport, smm, pmu, hidden, io == null ? null : io.attr("driver"),
                hyperv(n.child("hyperv")), dedicated, poll, pvIpi, state(n.child("vmcoreinfo")), state(n.child("pvspinlock")),
                gic == null ? null : gic.attr("version"), gic != null);
    }

    private static Hyperv hyperv(Node n) {
        if (n == null) {
            return null;
        }
        String mode = n.attr("mode");
        List<Hyperv.Enlightenment> list = new ArrayList<>();
        for (String name : HYPERV) {
            Node e = n.child(name);
            if (e == null) {
                continue;
            }
            Boolean st = e.onOff("state");
            Integer retries = "spinlocks".equals(name) ? e.intAttr("retries") : null;
            String value = "vendor_id".equals(name) ? e.attr("value") : null;
            Boolean direct = null;
            if ("stimer".equals(name)) {
                Node d = e.child("direct");
                direct = d == null ? null : d.onOff("state");
            }
            list.add(new Hyperv.Enlightenment(name, st, retries, value, direct));
        }
        return new Hyperv(mode, list);
    }

    /** {@code <x state='on|off'/>}; a bare element means on. */
    static Boolean state(Node n) {
        if (n == null) {
            return null;
        }
        Boolean s = n.onOff("state");
        return s == null ? Boolean.TRUE : s;
    }

    static void write(XmlOutput w, Features f) {
        if (f == null) {
            return;
        }
        w.start("features");
        w.flag("acpi", f.acpi());
        w.flag("apic", f.apic());
        w.flag("pae", f.pae());
        state(w, "hap", f.hap());
        if (f.hyperv() != null) {
            w.start("hyperv").attr("mode", f.hyperv().mode());
            for (Hyperv.Enlightenment e : f.hyperv().enlightenments()) {
                w.start(e.name()).onOff("state", e.state()).attr("retries", e.retries()).attr("value", e.value());
                if (e.direct() != null) {
                    w.start("direct").onOff("state", e.direct()).end();
                }
                w.end();
            }
            w.end();
        }
        if (f.hasKvm()) {
            w.start("kvm");
            state(w, "hidden", f.kvmHidden());
            state(w, "hint-dedicated", f.kvmHintDedicated());
            state(w, "poll-control", f.kvmPollControl());
            state(w, "pv-ipi", f.kvmPvIpi());
            w.end();
        }
        state(w, "pvspinlock", f.pvspinlock());
        state(w, "pmu", f.pmu());
        state(w, "vmport", f.vmport());
        if (f.gic()) {
            w.start("gic").attr("version", f.gicVersion()).end();
        }
        state(w, "smm", f.smm());
        if (f.ioapicDriver() != null) {
            w.start("ioapic").attr("driver", f.ioapicDriver()).end();
        }
        state(w, "vmcoreinfo", f.vmcoreinfo());
        w.end();
    }

    private static void state(XmlOutput w, String name, Boolean v) {
        if (v != null) {
            w.start(name).onOff("state", v).end();
        }
    }
}
