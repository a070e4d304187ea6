package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.NetworkCommand;
import picocli.CommandLine.Command;

/** {@code jvirsh net-destroy}: stops an active network. */
@Command(name = "net-destroy", mixinStandardHelpOptions = true,
        description = {"Stop an active network: its dnsmasq, firewall table and bridge go (a transient network is "
                + "forgotten). Refused while guests are on it."})
public final class NetDestroyCommand extends NetworkCommand {

    @Override
    protected void execute() {
        networks().destroy(network, false);
        info("Network " + network + " destroyed");
    }

    @Override
    protected String failureContext() {
        return "Failed to destroy network " + network;
    }
}
