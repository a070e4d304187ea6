package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Storage;
import dev.jvirt.virshcompat.JvirshCommand;
import dev.jvirt.virshcompat.format.Capacities;
import dev.jvirt.virshcompat.format.VshTable;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh pool-list}: the pools, as virsh 9.0 prints them. */
@Command(name = "pool-list", mixinStandardHelpOptions = true,
        description = {"List storage pools. Without options, only the active ones."})
public final class PoolListCommand extends JvirshCommand {

    @Option(names = "--inactive", description = "List inactive pools.") boolean inactive;
    @Option(names = "--all", description = "List active and inactive pools.") boolean all;
    @Option(names = "--persistent", description = "List persistent pools.") boolean persistent;
    @Option(names = "--transient", description = "List transient pools.") boolean transientOnly;
    @Option(names = "--autostart", description = "List pools with autostart enabled.") boolean autostart;
    @Option(names = "--no-autostart", description = "List pools with autostart disabled.") boolean noAutostart;
    @Option(names = "--type", paramLabel = "<string>", description = "Only pools of these types (comma-separated: dir,fs,netfs,logical).") String type;
    @Option(names = "--details", description = "Show state, persistence and space too.") boolean details;
    @Option(names = "--uuid", description = "List UUIDs only.") boolean uuid;
    @Option(names = "--name", description = "List names only.") boolean name;

    @Override
    protected void execute() {
        List<Storage.Pool> pools = new ArrayList<>();
        for (Storage.Pool p : client().storage().pools()) {
            if (keep(p)) {
                pools.add(p);
            }
        }
        if (uuid || name) {
            for (Storage.Pool p : pools) {
                out().println(uuid && name ? p.uuid() + " " + p.name() : uuid ? p.uuid() : p.name());
            }
            return;
        }
        VshTable t = details ? VshTable.withHeader("Name", "State", "Autostart", "Persistent", "Capacity", "Allocation", "Available")
                : VshTable.withHeader("Name", "State", "Autostart");
        for (Storage.Pool p : pools) {
            String auto = !p.persistent() ? "no" : p.autostart() ? "yes" : "no";
            if (details) {
                t.row(p.name(), p.active() ? "running" : "inactive", auto, p.persistent() ? "yes" : "no",
                        p.active() ? Capacities.pretty(p.capacity()) : "-", p.active() ? Capacities.pretty(p.allocation()) : "-",
                        p.active() ? Capacities.pretty(p.available()) : "-");
            } else {
                t.row(p.name(), p.active() ? "active" : "inactive", auto);
            }
        }
        out().print(t.render());
    }

    private boolean keep(Storage.Pool p) {
        boolean wantActive = all || !inactive;
        boolean wantInactive = all || inactive;
        if (p.active() ? !wantActive : !wantInactive) {
            return false;
        }
        if (persistent != transientOnly && p.persistent() != persistent) {
            return false;
        }
        if (autostart != noAutostart && p.autostart() != autostart) {
            return false;
        }
        if (type != null) {
            for (String t : type.split(",")) {
                if (t.strip().equals(p.type())) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }
}
