package dev.jvirt.vmmcore.qemu.argv;

import dev.jvirt.domainxml.domain.Clock;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.Hyperv;
import java.util.regex.Pattern;

/**
 * The {@code -cpu} properties that come from {@code <clock>} timers and {@code <features><hyperv>}
 * as libvirt writes them: {@code hypervclock} is {@code hv-time}, {@code kvmclock} is
 * {@code kvmclock}, {@code tsc frequency} is {@code tsc-frequency}; {@code <hyperv mode='passthrough'>}
 * is {@code hv-passthrough=on}, and in custom mode every enlightenment that is on is
 * {@code hv-NAME=on} ({@code spinlocks} with its retries as {@code hv-spinlocks=0xN},
 * {@code vendor_id} as {@code hv-vendor-id=VALUE}, {@code stimer direct} adding
 * {@code hv-stimer-direct=on}, {@code tlbflush}'s and {@code ipi}'s names as QEMU spells them).
 * Enlightenments that are off are left out, as libvirt does: QEMU has them off by default.
 */
final class CpuClockFlags {

    /** Values QEMU takes inside {@code -cpu}, which splits at every comma. */
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._-]{1,12}");

    private CpuClockFlags() {}

    static void addTo(QemuOpts o, Domain def) {
        Clock clock = def.clock();
        if (clock != null) {
            for (Clock.Timer t : clock.timers()) {
                String name = t.name() == null ? "" : t.name();
                switch (name) {
                    case "hypervclock" -> {
                        if (t.present() == null || t.present()) {
                            o.onOff("hv-time", true);
                        }
                    }
                    case "kvmclock" -> {
                        if (t.present() != null) {
                            o.onOff("kvmclock", t.present());
                        }
                    }
                    case "tsc" -> {
                        if (t.frequency() != null) {
                            o.add("tsc-frequency", t.frequency());
                        }
                    }
                    default -> { }
                }
            }
        }
        Hyperv hv = def.features() == null ? null : def.features().hyperv();
        if (hv == null) {
            return;
        }
        if ("passthrough".equals(hv.mode())) {
            o.onOff("hv-passthrough", true);
            return;
        }
        for (Hyperv.Enlightenment e : hv.enlightenments()) {
            if (!Boolean.TRUE.equals(e.state())) {
                continue;
            }
            String name = e.name() == null ? "" : e.name();
            switch (name) {
                case "spinlocks" -> {
                    if (e.retries() == null || e.retries() < 0xFFF) {
                        throw new CommandLineException("<hyperv><spinlocks>", "needs retries='N' with N at least 4095");
                    }
                    o.add("hv-spinlocks", "0x" + Integer.toHexString(e.retries()));
                }
                case "vendor_id" -> {
                    if (e.value() == null || !VALUE.matcher(e.value()).matches()) {
                        throw new CommandLineException("<hyperv><vendor_id>", "needs value='…' of 1 to 12 letters, digits, '.', '_' or '-'");
                    }
                    o.add("hv-vendor-id", e.value());
                }
                case "stimer" -> {
                    o.onOff("hv-stimer", true);
                    if (Boolean.TRUE.equals(e.direct())) {
                        o.onOff("hv-stimer-direct", true);
                    }
                }
                case "relaxed", "vapic", "vpindex", "runtime", "synic", "reset", "frequencies", "reenlightenment",
                        "tlbflush", "ipi", "evmcs", "avic" -> o.onOff("hv-" + name, true);
                default -> throw new CommandLineException("<hyperv><" + name + ">",
                        "is not an enlightenment jvirt knows; use relaxed, vapic, spinlocks, vpindex, runtime, synic, stimer, "
                                + "reset, vendor_id, frequencies, reenlightenment, tlbflush, ipi, evmcs or avic");
            }
        }
    }
}
