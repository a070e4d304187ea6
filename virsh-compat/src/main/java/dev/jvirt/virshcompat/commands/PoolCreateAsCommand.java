package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;

/** {@code jvirsh pool-create-as NAME TYPE [--target DIR] ...}: a transient pool, started. */
@Command(name = "pool-create-as", mixinStandardHelpOptions = true,
        description = {"Create and start a transient pool from a set of arguments."})
public final class PoolCreateAsCommand extends PoolAsCommand {

    @Override
    protected void execute() {
        if (printXml) {
            out().print(xml());
            return;
        }
        client().storage().create(xml());
        info("Pool " + name + " created");
    }

    @Override
    protected String failureContext() {
        return "Failed to create pool " + name;
    }
}
