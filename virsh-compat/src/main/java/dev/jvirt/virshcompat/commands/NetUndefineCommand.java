package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.NetworkCommand;
import picocli.CommandLine.Command;

/** {@code jvirsh net-undefine}: removes a network's stored definition. */
@Command(name = "net-undefine", mixinStandardHelpOptions = true,
        description = {"Undefine a persistent network; an active one goes on running as a transient one."})
public final class NetUndefineCommand extends NetworkCommand {

    @Override
    protected void execute() {
        networks().undefine(network);
        info("Network " + network + " has been undefined");
    }

    @Override
    protected String failureContext() {
        return "Failed to undefine network " + network;
    }
}
