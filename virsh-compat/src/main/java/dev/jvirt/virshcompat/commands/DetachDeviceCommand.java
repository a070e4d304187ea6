package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jvirsh detach-device DOMAIN FILE}: the {@code <disk>} of the XML's target. */
@Command(name = "detach-device", mixinStandardHelpOptions = true,
        description = {"Detach a device described by an XML file (disks: found by their <target dev>)."})
public final class DetachDeviceCommand extends DeviceCommand {

    @Parameters(index = "1", paramLabel = "<file>", description = "XML file of the device.")
    String file;


    @Override
    protected void execute() throws Exception {
        Boolean[] f = scope();
        boolean done = client().detachDevice(name(), XmlFile.read(file), null, f[0], f[1]);
        info(done ? "Device detached successfully" : "Device detach request sent successfully");
    }

    @Override
    protected String failureContext() {
        return "Failed to detach device from " + file;
    }
}
