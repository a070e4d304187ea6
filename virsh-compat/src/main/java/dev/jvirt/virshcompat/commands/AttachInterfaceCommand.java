package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Networks;
import dev.jvirt.virshcompat.client.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh attach-interface DOMAIN TYPE SOURCE}: hot-plugs a NIC into a running domain. */
@Command(name = "attach-interface", mixinStandardHelpOptions = true,
        description = {"Attach a new network interface to a running domain (--live): a TAP on the network or "
                + "bridge, plugged in with netdev_add and device_add. --config and --persistent are not supported yet."})
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
        if (Boolean.TRUE.equals(scope()[1])) { // --config or --persistent
            throw new UsageException("attach-interface --config and --persistent are not supported yet; "
                    + "use --live, or add the <interface> with jvirsh edit " + domain);
        }
        if (!"network".equals(type) && !"bridge".equals(type)) {
            throw new UsageException("interface type '" + type + "' cannot be attached; use network or bridge");
        }
        client().networks().attach(name(), new Networks.Attach(type, source, mac, model));
        info("Interface attached successfully");
    }

    @Override
    protected String failureContext() {
        return "Failed to attach interface";
    }
}
