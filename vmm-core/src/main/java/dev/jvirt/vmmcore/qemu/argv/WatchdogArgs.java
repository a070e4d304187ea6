package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Watchdog;
import java.util.List;

/**
 * Watchdogs: {@code i6300esb} (PCI), {@code ib700} (ISA) or the Q35 chipset's {@code itco}, and
 * the one {@code -watchdog-action} they share.
 */
final class WatchdogArgs {

    private static final List<String> ACTIONS = List.of("reset", "shutdown", "poweroff", "pause", "none", "inject-nmi");

    private WatchdogArgs() {}

    static DeviceSpec spec(BuildContext ctx, Watchdog w, int index) {
        String id = "watchdog" + index;
        String model = w.model() == null ? "i6300esb" : w.model();
        String what = "watchdog " + index + " (" + model + ")";
        ObjectNode dev = Json.object();
        switch (model) {
            case "i6300esb" -> {
                dev.put("driver", "i6300esb");
                dev.put("id", id);
                ctx.placePci(dev, w.address(), what);
            }
            case "ib700" -> {
                dev.put("driver", "ib700");
                dev.put("id", id);
            }
            case "itco" -> {
                if (!ctx.q35) {
                    throw new CommandLineException(what, "the iTCO watchdog is part of the Q35 chipset; use i6300esb on pc");
                }
                return new DeviceSpec(id, List.of(), null);
            }
            default -> throw new CommandLineException(what, "model '" + model + "' is not supported; use i6300esb, ib700 or itco");
        }
        ctx.requireDeviceType(model, what);
        return DeviceSpec.of(id, dev);
    }

    /** The options after the watchdog devices: the action, and the iTCO's enabling global. */
    static List<String> options(BuildContext ctx) {
        List<Watchdog> all = ctx.def.devices().watchdogs();
        if (all.isEmpty()) {
            return List.of();
        }
        String action = null;
        for (Watchdog w : all) {
            String a = w.action() == null ? "reset" : w.action();
            if (!ACTIONS.contains(a)) {
                throw new CommandLineException("watchdog (" + w.model() + ")", "action '" + a + "' is not one of " + String.join(", ", ACTIONS));
            }
            if (action != null && !action.equals(a)) {
                throw new CommandLineException("watchdog (" + w.model() + ")", "all watchdogs must share one action, not " + action + " and " + a);
            }
            action = a;
        }
        if (all.stream().anyMatch(w -> "itco".equals(w.model()))) {
            return List.of("-global", "ICH9-LPC.noreboot=off", "-watchdog-action", action);
        }
        return List.of("-watchdog-action", action);
    }
}
