package dev.jvirt.vmmcore.qemu.argv;

import dev.jvirt.domainxml.domain.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -rtc} and the timer options. Offsets utc and localtime are supported (variable and
 * timezone would need the clock or the environment, which a pure function does not read).
 * Timers: rtc {@code tickpolicy='catchup'} is {@code driftfix=slew}; pit {@code delay} is KVM's
 * {@code kvm-pit.lost_tick_policy} (nothing under TCG); hpet {@code present='no'} is set on the
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
                        if ("delay".equals(t.tickpolicy()) && ctx.def.isKvm()) {
                            globals.add("-global");
                            globals.add("kvm-pit.lost_tick_policy=delay");
                        }
                    }
                    case "hpet" -> {
                        // handled as a machine property
                    }
                    default -> throw new CommandLineException("<timer name='" + name + "'>", "is not supported; use rtc, pit or hpet");
                }
            }
        }
        List<String> out = new ArrayList<>(List.of("-rtc", rtc.build()));
        out.addAll(globals);
        return out;
    }
}
