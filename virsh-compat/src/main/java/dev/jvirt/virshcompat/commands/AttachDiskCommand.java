package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.format.XmlText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh attach-disk DOMAIN SOURCE TARGET}: a disk hot-plugged (blockdev-add + device_add) and/or added to the definition. */
@Command(name = "attach-disk", mixinStandardHelpOptions = true,
        description = {"Attach a disk (a file or block device) to a domain: hot-plugged into the running guest, "
                + "and with --config or --persistent added to its stored definition."})
public final class AttachDiskCommand extends DeviceCommand {

    @Parameters(index = "1", paramLabel = "<source>", description = "Source of the disk: a file or block device path.")
    String source;

    @Parameters(index = "2", paramLabel = "<target>", description = "Target of the disk device (vdb, sda...).")
    String target;

    @Option(names = "--targetbus", paramLabel = "<string>", description = "Target bus of the disk device (virtio, sata, scsi, usb).") String targetBus;
    @Option(names = "--driver", paramLabel = "<string>", description = "Driver of the disk device (qemu).") String driver;
    @Option(names = "--subdriver", paramLabel = "<string>", description = "Image format: raw (the default) or qcow2.") String subdriver;
    @Option(names = "--cache", paramLabel = "<string>", description = "Cache mode of the disk device.") String cache;
    @Option(names = "--type", paramLabel = "<string>", description = "Target device type: disk (the default) or cdrom.") String type;
    @Option(names = "--mode", paramLabel = "<string>", description = "Mode of the device: readonly or shareable.") String mode;
    @Option(names = "--sourcetype", paramLabel = "<string>", description = "Type of the source: file or block (default: block for /dev/..., else file).") String sourceType;
    @Option(names = "--serial", paramLabel = "<string>", description = "Serial of the disk device.") String serial;
    @Option(names = "--print-xml", description = "Print the disk's XML instead of attaching it.") boolean printXml;

    @Override
    protected void execute() {
        String xml = xml();
        if (printXml) {
            out().print(xml);
            return;
        }
        Boolean[] f = scope();
        client().attachDevice(name(), xml, f[0], f[1]);
        info("Disk attached successfully");
    }

    String xml() {
        String st = sourceType != null ? sourceType : source.startsWith("/dev/") ? "block" : "file";
        StringBuilder sb = new StringBuilder();
        sb.append("<disk type=").append(XmlText.attr(st)).append(" device=").append(XmlText.attr(type == null ? "disk" : type)).append(">\n");
        sb.append("  <driver name=").append(XmlText.attr(driver == null ? "qemu" : driver)).append(" type=")
                .append(XmlText.attr(subdriver == null ? "raw" : subdriver));
        if (cache != null) {
            sb.append(" cache=").append(XmlText.attr(cache));
        }
        sb.append("/>\n");
        sb.append("  <source ").append(st.equals("block") ? "dev=" : "file=").append(XmlText.attr(source)).append("/>\n");
        sb.append("  <target dev=").append(XmlText.attr(target));
        if (targetBus != null) {
            sb.append(" bus=").append(XmlText.attr(targetBus));
        }
        sb.append("/>\n");
        if ("readonly".equals(mode)) {
            sb.append("  <readonly/>\n");
        } else if ("shareable".equals(mode)) {
            sb.append("  <shareable/>\n");
        }
        if (serial != null) {
            sb.append("  <serial>").append(XmlText.text(serial)).append("</serial>\n");
        }
        return sb.append("</disk>\n").toString();
    }

    @Override
    protected String failureContext() {
        return "Failed to attach disk";
    }
}
