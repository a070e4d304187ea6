package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;

/** {@code jvirsh pool-refresh POOL}. */
@Command(name = "pool-refresh", mixinStandardHelpOptions = true, description = {"Refresh a pool: forget leftovers of interrupted creates and the markers of volumes gone."})
public final class PoolRefreshCommand extends PoolCommand {

    @Override
    protected void execute() {
        storage().poolAction(pool, "refresh", null);
        info("Pool " + pool + " refreshed");
    }

    @Override
    protected String failureContext() {
        return "Failed to refresh pool " + pool;
    }
}
