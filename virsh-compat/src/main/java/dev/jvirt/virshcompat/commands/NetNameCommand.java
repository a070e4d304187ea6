package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.NetworkCommand;
import picocli.CommandLine.Command;

/** {@code jvirsh net-name}: the name of a network given by UUID. */
@Command(name = "net-name", mixinStandardHelpOptions = true, description = {"Convert a network UUID to its name."})
public final class NetNameCommand extends NetworkCommand {

    @Override
    protected void execute() {
        out().println(networks().info(network).name());
    }
}
