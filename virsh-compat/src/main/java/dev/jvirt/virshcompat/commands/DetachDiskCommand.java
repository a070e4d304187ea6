package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jvirsh detach-disk DOMAIN TARGET}. */
@Command(name = "detach-disk", mixinStandardHelpOptions = true,
        description = {"Detach a disk from a domain: unplugged from the running guest (device_del, then its block nodes), "
                + "and with --config or --persistent removed from its stored definition."})
public final class DetachDiskCommand extends DeviceCommand {

    @Parameters(index = "1", paramLabel = "<target>", description = "Target of the disk device (vdb...).")
    String target;


    @Override
    protected void execute() {
        Boolean[] f = scope();
        boolean done = client().detachDevice(name(), null, target, f[0], f[1]);
        info(done ? "Disk detached successfully" : "Disk detach request sent successfully");
    }

    @Override
    protected String failureContext() {
        return "Failed to detach disk";
    }
}
