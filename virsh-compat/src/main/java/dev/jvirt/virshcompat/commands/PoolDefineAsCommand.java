package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;

/** {@code jvirsh pool-define-as NAME TYPE [--target DIR] ...}. */
@Command(name = "pool-define-as", mixinStandardHelpOptions = true,
        description = {"Define a pool from a set of arguments (not built or started)."})
public final class PoolDefineAsCommand extends PoolAsCommand {

    @Override
    protected void submit(String xml) {
        client().storage().define(xml);
    }

    @Override
    protected String done() {
        return "defined";
    }
}
