package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Storage;
import dev.jvirt.virshcompat.format.Capacities;
import dev.jvirt.virshcompat.format.VshTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh vol-list POOL}. */
@Command(name = "vol-list", mixinStandardHelpOptions = true, description = {"List the volumes of a running pool."})
public final class VolListCommand extends PoolCommand {

    @Option(names = "--details", description = "Show type, capacity and allocation too.")
    boolean details;

    @Override
    protected void execute() {
        VshTable t = details ? VshTable.withHeader("Name", "Path", "Type", "Capacity", "Allocation")
                : VshTable.withHeader("Name", "Path");
        for (Storage.Volume v : storage().volumes(pool)) {
            if (details) {
                t.row(v.name(), v.path(), v.type(), Capacities.pretty(v.capacity()), Capacities.pretty(v.allocation()));
            } else {
                t.row(v.name(), v.path());
            }
        }
        out().print(t.render());
    }

    @Override
    protected String failureContext() {
        return "Failed to list volumes";
    }
}
