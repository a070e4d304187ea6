package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.NetworkCommand;
import dev.jvirt.virshcompat.format.NetworkFormats;
import java.time.ZoneId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh net-dhcp-leases}: the leases the network's dnsmasq handed out. */
@Command(name = "net-dhcp-leases", mixinStandardHelpOptions = true,
        description = {"Print the DHCP leases of an active network (from its dnsmasq's lease file)."})
public final class NetDhcpLeasesCommand extends NetworkCommand {

    @Option(names = "--mac", paramLabel = "<string>", description = "Only the leases of this MAC address.")
    String mac;

    @Override
    protected void execute() {
        out().print(NetworkFormats.leases(networks().leases(network, mac), ZoneId.systemDefault()));
    }

    @Override
    protected String failureContext() {
        return "Failed to get leases info for " + network;
    }
}
