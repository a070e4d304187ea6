package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;

/** {@code jvirsh pool-undefine POOL}. */
@Command(name = "pool-undefine", mixinStandardHelpOptions = true,
        description = {"Undefine an inactive persistent pool (its volumes and target stay; pool-delete removes the target)."})
public final class PoolUndefineCommand extends PoolCommand {

    @Override
    protected void execute() {
        storage().undefine(pool);
        info("Pool " + pool + " has been undefined");
    }

    @Override
    protected String failureContext() {
        return "Failed to undefine pool " + pool;
    }
}
