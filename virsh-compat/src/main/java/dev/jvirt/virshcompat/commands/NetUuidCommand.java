package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.NetworkCommand;
import picocli.CommandLine.Command;

/** {@code jvirsh net-uuid}: the UUID of a network. */
@Command(name = "net-uuid", mixinStandardHelpOptions = true, description = {"Convert a network name to its UUID."})
public final class NetUuidCommand extends NetworkCommand {

    @Override
    protected void execute() {
        out().println(networks().info(network).uuid());
    }
}
