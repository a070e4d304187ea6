package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jvirsh attach-device DOMAIN FILE}: a {@code <disk>} from XML (also {@code type='volume'}). */
@Command(name = "attach-device", mixinStandardHelpOptions = true,
        description = {"Attach a device from an XML file. Disks (<disk>, also <disk type='volume'>, resolved in its pool) "
                + "are supported."})
public final class AttachDeviceCommand extends DeviceCommand {

    @Parameters(index = "1", paramLabel = "<file>", description = "XML file of the device.")
    String file;


    @Override
    protected void execute() throws Exception {
        Boolean[] f = scope();
        client().attachDevice(name(), XmlFile.read(file), f[0], f[1]);
        info("Device attached successfully");
    }

    @Override
    protected String failureContext() {
        return "Failed to attach device from " + file;
    }
}
