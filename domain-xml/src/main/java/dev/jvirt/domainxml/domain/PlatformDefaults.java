package dev.jvirt.domainxml.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The defaults libvirt fills for the parts real-world definitions add, checked against libvirt
 * 9.0's dumpxml by LibvirtDifferentialIT: the Hyper-V mode, a custom CPU's mode, match, model
 * and fallback, automatic graphics ports, and a CRB TPM's version.
 */
final class PlatformDefaults {
    /** The model QEMU's x86 machines use when none is named, which libvirt writes in. */
    static final String DEFAULT_CPU_MODEL = "qemu64";

    private PlatformDefaults() {}

    /** libvirt writes the Hyper-V mode it defaults to: custom. */
    static Features features(Features f) {
        if (f == null || f.hyperv() == null || f.hyperv().mode() != null) {
            return f;
        }
        return new Features(f.acpi(), f.apic(), f.pae(), f.hap(), f.vmport(), f.smm(), f.pmu(), f.kvmHidden(),
                f.ioapicDriver(), new Hyperv("custom", f.hyperv().enlightenments()), f.kvmHintDedicated(), f.kvmPollControl(),
                f.kvmPvIpi(), f.vmcoreinfo(), f.pvspinlock(), f.gicVersion(), f.gic());
    }

    /**
     * A custom CPU is written with mode='custom' and match='exact'; a named model falls back
     * ('allow') when the host lacks it; a custom CPU that names no model (only a topology or NUMA
     * cells) gets QEMU's default model, which must not fall back.
     */
    static Cpu cpu(Cpu c) {
        if (c == null || c.mode() != null && !"custom".equals(c.mode())) {
            return c;
        }
        Cpu.Model model = c.model();
        String check = c.check();
        if ((model == null || model.name() == null) && c.features().isEmpty()) {
            model = new Cpu.Model(DEFAULT_CPU_MODEL, model == null || model.fallback() == null ? "forbid" : model.fallback());
            check = check == null ? "none" : check;
        } else if (model != null && model.name() != null && model.fallback() == null) {
            model = new Cpu.Model(model.name(), "allow");
        }
        return new Cpu("custom", c.match() == null ? "exact" : c.match(), check, c.migratable(), model, c.vendor(),
                c.topology(), c.features(), c.cache(), c.numa());
    }

    static void devices(Devices.Builder b) {
        List<Graphics> gs = new ArrayList<>(b.graphics.size());
        for (Graphics g : b.graphics) {
            gs.add(graphics(g));
        }
        b.graphics = gs;
        List<Tpm> tpms = new ArrayList<>(b.tpms.size());
        for (Tpm t : b.tpms) {
            boolean crb = "tpm-crb".equals(t.model());
            tpms.add(crb && "emulator".equals(t.backendType()) && t.backendVersion() == null
                    ? new Tpm(t.model(), t.backendType(), "2.0", t.persistentState(), t.devicePath(), t.address()) : t);
        }
        b.tpms = tpms;
    }

    /**
     * Port -1 means automatic; with autoport the ports are chosen at start, so a definition keeps
     * none for SPICE and -1 for VNC (live XML's chosen ports are dropped), as libvirt does.
     */
    static Graphics graphics(Graphics g) {
        boolean spice = "spice".equals(g.type());
        boolean vnc = "vnc".equals(g.type());
        if (!spice && !vnc) {
            return g;
        }
        boolean auto = Boolean.TRUE.equals(g.autoport()) || Integer.valueOf(-1).equals(g.port())
                || Integer.valueOf(-1).equals(g.tlsPort());
        if (!auto) {
            return g;
        }
        Integer port = spice ? null : Integer.valueOf(-1);
        Integer tls = spice ? null : g.tlsPort();
        return new Graphics(g.type(), port, Boolean.TRUE, g.listen(), g.passwd(), g.keymap(), g.listens(),
                g.imageCompression(), g.glEnable(), tls, g.defaultMode(), g.channels(), g.extras());
    }
}
