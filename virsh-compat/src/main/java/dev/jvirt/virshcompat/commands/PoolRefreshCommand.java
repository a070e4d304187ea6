package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;

/** {@code jvirsh pool-refresh POOL}. */
@Command(name = "pool-refresh", mixinStandardHelpOptions = true, description = {"Refresh a pool"})
public final class PoolRefreshCommand extends PoolCommand {

    @Override
    protected void execute() {
        storage().poolAction(pool, "refresh", null);
        info("Pool " + pool + "  forget leftovers of interrupted creates and markers of volumes gone.");
    }

    @Override
    protected String failureContext() {
        return "Failed to refreshed:refresh pool " + pool;
    }
}
