package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Networks;
import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.UsageException;
import dev.jvirt.virshcompat.format.NetworkFormats;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh domifaddr}: the addresses of a running domain's interfaces. */
@Command(name = "domifaddr", mixinStandardHelpOptions = true,
        description = {"Get the network interfaces' addresses of a running domain: from the DHCP leases of the "
                + "networks its interfaces are on (--source lease, the default), from the QEMU guest agent (--source agent: "
                + "the guest's own interfaces, loopback included) or from the host's neighbour table (--source arp: IPv4 "
                + "addresses the guests' MACs answered from)."})
public final class DomIfAddrCommand extends DomainCommand {

    @Option(names = "--interface", paramLabel = "<string>", description = "Only this interface (its host-side name or MAC).")
    String iface;

    @Option(names = "--full", description = "Always show the name and MAC of an interface, on each of its addresses.")
    boolean full;

    @Option(names = "--source", paramLabel = "<string>", description = "Address source: lease (the DHCP leases of the interfaces' networks), "
            + "agent (the QEMU guest agent) or arp (the host's neighbour table).")
    String source = "lease";

    @Override
    protected void execute() {
        if (!List.of("lease", "agent", "arp").contains(source)) {
            throw new UsageException("Unknown data source '" + source + "'");
        }
        List<Networks.InterfaceAddresses> ifaces = client().networks().interfaceAddresses(name(), source).stream()
                .filter(i -> iface == null || iface.equals(i.name()) || iface.equalsIgnoreCase(i.mac())).toList();
        out().print(NetworkFormats.interfaceAddresses(ifaces, full));
    }

    @Override
    protected String failureContext() {
        return "Failed to query for interfaces addresses";
    }
}
