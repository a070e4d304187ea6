package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;

/** {@code jvirsh pool-destroy POOL}. */
@Command(name = "pool-destroy", mixinStandardHelpOptions = true, description = {"Destroy (stop) a pool; its volumes stay. A transient pool is gone after."})
public final class PoolDestroyCommand extends PoolCommand {

    @Override
    protected void execute() {
        storage().poolAction(pool, "destroy", null);
        info("Pool " + pool + " destroyed");
    }

    @Override
    protected String failureContext() {
        return "Failed to destroy pool " + pool;
    }
}
