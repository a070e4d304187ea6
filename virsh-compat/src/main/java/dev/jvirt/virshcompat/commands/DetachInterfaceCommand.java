package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Networks;
import dev.jvirt.virshcompat.client.ApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh detach-interface DOMAIN TYPE [--mac MAC]}: removes a NIC from a running domain and/or its definition. */
@Command(name = "detach-interface", mixinStandardHelpOptions = true,
        description = {"Detach a network interface of a type (network or bridge) from a domain: the one with --mac, or "
                + "the domain's only one of that type. --live unplugs it from the running guest (device_del, netdev_del; "
                + "jvirt unplugs only a running guest's last interface), --config removes it from the stored definition, "
                + "--persistent both. Neither: the running guest if it runs, else the definition."})
public final class DetachInterfaceCommand extends DeviceCommand {

    @Parameters(index = "1", paramLabel = "<type>", description = "Network interface type: network or bridge.")
    String type;

    @Option(names = "--mac", paramLabel = "<string>", description = "MAC address of the interface.")
    String mac;

    @Option(names = "--print-xml", description = "Not supported by jvirt (refused): print the XML rather than detach.")
    boolean printXml;

    @Override
    protected void execute() {
        if (printXml) {
            throw new dev.jvirt.virshcompat.client.UsageException("detach-interface --print-xml is not supported; "
                    + "jvirsh dumpxml " + domain + " shows the interfaces");
        }
        Boolean[] f = scope();
        boolean done;
        try {
            done = client().networks().detach(name(), new Networks.Detach(type, mac, f[0], f[1]));
        } catch (ApiException e) {
            String m = e.getMessage();
            if ("bad-request".equals(e.code()) && m != null && (m.startsWith("No interface") || m.startsWith("Domain has "))) {
                err().println("error: " + m); // virsh's order: what was not found, then the failure
                err().println("error: " + failureContext());
                exitWith(1);
                return;
            }
            throw e;
        }
        info(done ? "Interface detached successfully" : "Interface detach request sent successfully");
    }

    @Override
    protected String failureContext() {
        return "Failed to detach interface";
    }
}
