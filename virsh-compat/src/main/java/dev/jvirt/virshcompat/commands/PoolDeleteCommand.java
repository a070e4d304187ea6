package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;

/** {@code jvirsh pool-delete POOL}. */
@Command(name = "pool-delete", mixinStandardHelpOptions = true, description = {"Delete what pool-build made (the target directory, the volume group); the pool must be inactive."})
public final class PoolDeleteCommand extends PoolCommand {

    @Override
    protected void execute() {
        storage().poolAction(pool, "delete", null);
        info("Pool " + pool + " deleted");
    }

    @Override
    protected String failureContext() {
        return "Failed to delete pool " + pool;
    }
}
