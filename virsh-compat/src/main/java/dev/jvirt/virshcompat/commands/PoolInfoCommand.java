package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Storage;
import dev.jvirt.virshcompat.format.Capacities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh pool-info POOL}: virsh's layout ({@code %-15s %s}). */
@Command(name = "pool-info", mixinStandardHelpOptions = true, description = {"Show a storage pool's state and space."})
public final class PoolInfoCommand extends PoolCommand {

    @Option(names = "--bytes", description = "Show sizes in bytes.")
    boolean bytes;

    @Override
    protected void execute() {
        Storage.Pool p = storage().pool(pool);
        line("Name:", p.name());
        line("UUID:", p.uuid());
        line("State:", p.active() ? "running" : "inactive");
        line("Persistent:", p.persistent() ? "yes" : "no");
        line("Autostart:", p.autostart() ? "yes" : "no");
        if (p.active()) {
            line("Capacity:", Capacities.info(p.capacity(), bytes));
            line("Allocation:", Capacities.info(p.allocation(), bytes));
            line("Available:", Capacities.info(p.available(), bytes));
        }
    }

    private void line(String label, String value) {
        out().println(String.format("%-15s %s", label, value));
    }

    @Override
    protected String failureContext() {
        return "failed to get pool '" + pool + "'";
    }
}
