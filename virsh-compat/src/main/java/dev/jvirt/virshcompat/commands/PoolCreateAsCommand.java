package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;

/** {@code jvirsh pool-create-as NAME TYPE [--target DIR] ...}: a transient pool, started. */
@Command(name = "pool-create-as", mixinStandardHelpOptions = true,
        description = {"Create and start a transient pool from a set of arguments."})
public final class PoolCreateAsCommand extends PoolAsCommand {

    @Override
    protected void submit(String xml) {
        client().storage().create(xml);
    }

    @Override
    protected String done() {
        return "created";
    }
}
