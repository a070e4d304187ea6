package dev.jvirt.vmmcore.qemu.argv;

import dev.jvirt.domainxml.domain.Cpu;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.Features;
import java.util.regex.Pattern;

/**
 * {@code -cpu} and {@code -smp}.
 *
 * <p>Modes: {@code host-passthrough} is {@code host} (KVM only); {@code maximum} is {@code max};
 * {@code host-model} is {@code host} under KVM and {@code max} under TCG (jvirt does not probe
 * CPU models, so it does not expand host-model into a named model as libvirt does); custom is
 * the named model, {@code qemu64} when none is named. Feature policies require, force and
 * optional turn a feature on; disable and forbid turn it off.
 */
final class CpuArgs {

    /** {@code -cpu} is not QemuOpts: QEMU splits it at every comma, so names are checked, not escaped. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private CpuArgs() {}

    private static String checked(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new CommandLineException(what, "'" + name + "' is not a CPU model or feature name (letters, digits, '.', '_', '-')");
        }
        return name;
    }

    static String cpu(Domain def) {
        Cpu cpu = def.cpu();
        String mode = cpu == null || cpu.mode() == null ? "custom" : cpu.mode();
        QemuOpts o;
        switch (mode) {
            case "host-passthrough" -> {
                if (!def.isKvm()) {
                    throw new CommandLineException("<cpu mode='host-passthrough'>",
                            "needs KVM; with <domain type='qemu'> (TCG) use <cpu mode='maximum'>");
                }
                o = migratable(QemuOpts.of("host"), cpu, true);
            }
            case "host-model" -> o = QemuOpts.of(def.isKvm() ? "host" : "max");
            case "maximum" -> o = migratable(QemuOpts.of("max"), cpu, def.isKvm());
            case "custom" -> o = QemuOpts.of(cpu == null || cpu.model() == null || cpu.model().name() == null
                    ? "qemu64" : checked(cpu.model().name(), "<cpu><model>"));
            default -> throw new CommandLineException("<cpu mode='" + mode + "'>",
                    "is not supported; use host-passthrough, host-model, maximum or custom");
        }
        if (cpu != null) {
            for (Cpu.Feature f : cpu.features()) {
                String policy = f.policy() == null ? "require" : f.policy();
                boolean on = switch (policy) {
                    case "require", "force", "optional" -> true;
                    case "disable", "forbid" -> false;
                    default -> throw new CommandLineException("<cpu><feature name='" + f.name() + "'>",
                            "policy '" + policy + "' is not one of require, force, optional, disable, forbid");
                };
                // QEMU's own spelling, as libvirt passes it: lahf_lm is lahf-lm
                o.onOff(checked(f.name(), "<cpu><feature>").replace('_', '-'), on);
            }
        }
        CpuClockFlags.addTo(o, def);
        Features feat = def.features();
        if (feat != null && Boolean.TRUE.equals(feat.kvmHidden())) {
            o.onOff("kvm", false);
        }
        if (feat != null && feat.kvmHintDedicated() != null) {
            o.onOff("kvm-hint-dedicated", feat.kvmHintDedicated());
        }
        if (feat != null && feat.kvmPollControl() != null) {
            o.onOff("kvm-poll-control", feat.kvmPollControl());
        }
        if (feat != null && feat.kvmPvIpi() != null) {
            o.onOff("kvm-pv-ipi", feat.kvmPvIpi());
        }
        if (feat != null && feat.pmu() != null) {
            o.onOff("pmu", feat.pmu());
        }
        return o.build();
    }

    /**
     * {@code migratable} ({@code host} and {@code max} only): as written, else on under KVM —
     * libvirt 9.0 fills {@code migratable='on'} in for these modes when QEMU's KVM CPU has the
     * property (it has none under TCG, so there libvirt writes nothing unless the XML has it).
     */
    private static QemuOpts migratable(QemuOpts o, Cpu cpu, boolean kvm) {
        if (cpu.migratable() != null) {
            o.onOff("migratable", cpu.migratable());
        } else if (kvm) {
            o.onOff("migratable", true);
        }
        return o;
    }

    static String smp(Domain def) {
        int current = def.vcpus();
        int max = def.maxVcpus();
        if (max < 1 || current < 1 || current > max) {
            throw new CommandLineException("<vcpu>", "needs 1 <= current (" + current + ") <= count (" + max + ")");
        }
        Cpu.Topology t = def.cpu() == null ? null : def.cpu().topology();
        QemuOpts o = QemuOpts.of(Integer.toString(current));
        if (current < max) {
            o.add("maxcpus", max);
        }
        if (t == null) {
            return o.add("sockets", max).add("cores", 1).add("threads", 1).build();
        }
        if (t.product() != max) {
            throw new CommandLineException("<cpu><topology>",
                    "describes " + t.product() + " vCPUs but <vcpu> says " + max + "; make sockets*dies*cores*threads equal it");
        }
        o.add("sockets", nz(t.sockets())).add("dies", nz(t.dies()));
        return o.add("cores", nz(t.cores())).add("threads", nz(t.threads())).build();
    }

    private static int nz(Integer i) {
        return i == null ? 1 : i;
    }
}
