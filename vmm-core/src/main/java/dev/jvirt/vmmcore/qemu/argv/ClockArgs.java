package dev.jvirt.vmmcore.qemu.argv;

import dev.jvirt.domainxml.domain.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -rtc} and the timer options. Offsets utc and localtime are supported (variable and
 * timezone would need the clock or the environment, which a pure function does not read).
 * Timers: rtc {@code tickpolicy='catchup'} is {@code driftfix=slew}; pit {@code delay} is KVM's
 * {@code kvm-pit.lost_tick_policy} (libvirt sets it under TCG too); hpet {@code present='no'} is set on the
 * machine ({@link MachineArgs#machine}); other rtc/pit tick policies keep QEMU's default.
 */
final class ClockArgs {

    private ClockArgs() {}

    static List<String> of(BuildContext ctx) {
        Clock clock = ctx.def.clock();
        String offset = clock == null || clock.offset() == null ? "utc" : clock.offset();
        if (!offset.equals("utc") && !offset.equals("localtime")) {
            throw new CommandLineException("<clock offset='" + offset + "'>", "is not supported; use utc or localtime");
        }
        QemuOpts rtc = QemuOpts.ofPair("base", offset);
        List<String> globals = new ArrayList<>();
        if (clock != null) {
            for (Clock.Timer t : clock.timers()) {
                String name = t.name() == null ? "" : t.name();
                switch (name) {
                    case "rtc" -> {
                        if ("catchup".equals(t.tickpolicy())) {
                            rtc.add("driftfix", "slew");
                        }
                    }
                    case "pit" -> {
                        // libvirt sets it under TCG too (the global names a KVM device and is then unused)
                        if ("delay".equals(t.tickpolicy())) {
                            globals.add("-global");
                            globals.add("kvm-pit.lost_tick_policy=delay");
                        }
                    }
                    case "hpet" -> {
                        // handled as a machine property
                    }
                    case "hypervclock", "kvmclock", "tsc" -> {
                        // -cpu properties (CpuClockFlags)
                    }
                    default -> throw new CommandLineException("<timer name='" + name + "'>", "is not supported; use rtc, pit, hpet, hypervclock, kvmclock or tsc");
                }
            }
        }
        List<String> out = new ArrayList<>(List.of("-rtc", rtc.build()));
        out.addAll(globals);
        return out;
    }
}
