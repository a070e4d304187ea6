package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;

/** {@code jvirsh pool-define-as NAME TYPE [--target DIR] ...}. */
@Command(name = "pool-define-as", mixinStandardHelpOptions = true,
        description = {"Define a pool from a set of arguments (not built or started)."})
public final class PoolDefineAsCommand extends PoolAsCommand {

    @Override
    protected void execute() {
        if (printXml) {
            out().print(xml());
            return;
        }
        client().storage().define(xml());
        info("Pool " + name + " defined");
    }

    @Override
    protected String failureContext() {
        return "Failed to define pool " + name;
    }
}
