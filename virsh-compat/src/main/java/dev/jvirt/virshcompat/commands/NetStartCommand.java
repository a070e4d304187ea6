package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.NetworkCommand;
import picocli.CommandLine.Command;

/** {@code jvirsh net-start}: starts a defined network. */
@Command(name = "net-start", mixinStandardHelpOptions = true,
        description = {"Start a defined, inactive network: its bridge, addresses, firewall table and dnsmasq."})
public final class NetStartCommand extends NetworkCommand {

    @Override
    protected void execute() {
        info("Network " + networks().start(network).name() + " started");
    }

    @Override
    protected String failureContext() {
        return "Failed to start network " + network;
    }
}
