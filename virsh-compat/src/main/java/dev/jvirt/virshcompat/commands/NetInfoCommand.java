package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.NetworkCommand;
import dev.jvirt.virshcompat.format.NetworkFormats;
import picocli.CommandLine.Command;

/** {@code jvirsh net-info}: a network's name, UUID, state and bridge. */
@Command(name = "net-info", mixinStandardHelpOptions = true,
        description = {"Show basic information about a network: UUID, active, persistent, autostart, bridge."})
public final class NetInfoCommand extends NetworkCommand {

    @Override
    protected void execute() {
        out().print(NetworkFormats.info(networks().info(network)));
    }
}
