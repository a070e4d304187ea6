package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Address;
import dev.jvirt.domainxml.domain.Disk;
import java.util.List;

/**
 * A disk or CD-ROM: its block nodes ({@link DiskNodes}) and its device on the bus the target
 * names — {@code virtio-blk-pci}; {@code ide-hd}/{@code ide-cd} on SATA or IDE;
 * {@code scsi-hd}/{@code scsi-cd} on a SCSI controller; {@code usb-storage}.
 */
final class DiskDevices {

    private DiskDevices() {}

    static DeviceSpec spec(BuildContext ctx, Disk d) {
        String id = DeviceIds.disk(d);
        String what = "disk '" + d.target().dev() + "'";
        String kind = d.deviceOrDefault();
        if (!kind.equals("disk") && !kind.equals("cdrom")) {
            throw new CommandLineException(what, "device '" + kind + "' is not supported; use disk or cdrom");
        }
        List<Backend> nodes = DiskNodes.of(d, id, what);
        DiskNodes.Cache cache = DiskNodes.cache(d);
        String bus = d.target().bus();
        ObjectNode dev = Json.object();
        boolean writeCache = !d.isCdrom();
        switch (bus) {
            case "virtio" -> {
                if (d.isCdrom()) {
                    throw new CommandLineException(what, "a CD-ROM cannot be on bus virtio; use sata or scsi");
                }
                dev.put("driver", "virtio-blk-pci");
                ctx.placePci(dev, d.address(), what);
                Integer iothread = d.driver() == null ? null : d.driver().iothread();
                if (iothread != null) {
                    if (ctx.def.iothreads() == null || iothread < 1 || iothread > ctx.def.iothreads()) {
                        throw new CommandLineException(what, "<driver iothread='" + iothread + "'> names no iothread; <iothreads> says "
                                + ctx.def.iothreads());
                    }
                    dev.put("iothread", "iothread" + iothread);
                }
                if (d.driver() != null && d.driver().queues() != null) {
                    dev.put("num-queues", d.driver().queues());
                }
            }
            case "sata" -> {
                requireDriveAddress(d, what);
                DriveAddress a = DriveAddress.of(d);
                if (a.unit() > 5 || a.bus() != 0) {
                    throw new CommandLineException(what, "an AHCI controller has bus 0 with units 0-5");
                }
                dev.put("driver", d.isCdrom() ? "ide-cd" : "ide-hd");
                dev.put("bus", ctx.controllers.sataBus(a.controller(), a.unit(), what));
            }
            case "ide" -> {
                requireDriveAddress(d, what);
                DriveAddress a = DriveAddress.of(d);
                dev.put("driver", d.isCdrom() ? "ide-cd" : "ide-hd");
                dev.put("bus", ctx.controllers.ideBus(a.controller(), a.bus(), what));
                dev.put("unit", a.unit());
            }
            case "scsi" -> {
                requireDriveAddress(d, what);
                DriveAddress a = DriveAddress.of(d);
                dev.put("driver", d.isCdrom() ? "scsi-cd" : "scsi-hd");
                dev.put("bus", ctx.controllers.scsiBus(a.controller(), what));
                dev.put("channel", a.bus());
                dev.put("scsi-id", a.target());
                dev.put("lun", a.unit());
                // libvirt's: the serial when there is one (the guest's /dev/disk/by-id name)
                dev.put("device_id", d.serial() != null ? d.serial() : "drive-" + id);
            }
            case "usb" -> {
                if (d.isCdrom()) {
                    throw new CommandLineException(what, "a CD-ROM cannot be on bus usb; use sata or scsi");
                }
                dev.put("driver", "usb-storage");
                int ctrl = d.address() instanceof Address.Usb u && u.bus() != null ? u.bus() : 0;
                dev.put("bus", ctx.controllers.usbBus(ctrl, what));
                if (d.address() instanceof Address.Usb u && u.port() != null) {
                    dev.put("port", u.port());
                }
                writeCache = false;
            }
            default -> throw new CommandLineException(what, "bus '" + bus + "' is not supported; use virtio, sata, scsi, ide or usb");
        }
        if (!nodes.isEmpty()) {
            dev.put("drive", ((Backend.Blockdev) nodes.get(nodes.size() - 1)).nodeName());
        }
        dev.put("id", id);
        Integer bootIndex = ctx.boot.of(d);
        if (bootIndex != null) {
            dev.put("bootindex", bootIndex);
        }
        if (writeCache && cache != null) {
            dev.put("write-cache", cache.writeCache() ? "on" : "off");
        }
        if (d.serial() != null) {
            dev.put("serial", d.serial());
        }
        if (d.shareable() && !d.isCdrom()) {
            dev.put("share-rw", true);
        }
        if ("usb".equals(bus)) {
            dev.put("removable", d.target().removable() != null && d.target().removable());
        }
        ctx.requireDeviceType(dev.get("driver").asText(), what);
        return new DeviceSpec(id, nodes, dev);
    }

    private static void requireDriveAddress(Disk d, String what) {
        if (d.address() != null && !(d.address() instanceof Address.Drive)) {
            throw new CommandLineException(what, "on bus '" + d.target().bus() + "' needs an address of type 'drive', not '" + d.address().type() + "'");
        }
    }
}
