package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Networks;
import dev.jvirt.virshcompat.client.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh attach-interface DOMAIN TYPE SOURCE}: adds a NIC to a running domain and/or its definition. */
@Command(name = "attach-interface", mixinStandardHelpOptions = true,
        description = {"Attach a new network interface to a domain: to the running guest (--live: a TAP on the network "
                + "or bridge, plugged in with netdev_add and device_add), to its stored definition (--config: from its "
                + "next start), or both (--persistent, or --live --config: the same MAC). Neither: the running guest if "
                + "it runs, else the definition."})
public final class AttachInterfaceCommand extends DeviceCommand {

    @Parameters(index = "1", paramLabel = "<type>", description = "Network interface type: network or bridge.")
    String type;

    @Parameters(index = "2", paramLabel = "<source>", description = "Source of network interface: the network or bridge.")
    String source;

    @Option(names = "--mac", paramLabel = "<string>", description = "MAC address (default: a generated 52:54:00 one).")
    String mac;

    @Option(names = "--model", paramLabel = "<string>", description = "Model type (default: virtio).")
    String model;

    @Override
    protected void execute() {
        Boolean[] f = scope();
        if (!"network".equals(type) && !"bridge".equals(type)) {
            throw new UsageException("interface type '" + type + "' cannot be attached; use network or bridge");
        }
        client().networks().attach(name(), new Networks.Attach(type, source, mac, model, f[0], f[1]));
        info("Interface attached successfully");
    }

    @Override
    protected String failureContext() {
        return "Failed to attach interface";
    }
}
