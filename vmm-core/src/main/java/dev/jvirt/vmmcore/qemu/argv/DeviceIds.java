package dev.jvirt.vmmcore.qemu.argv;

import dev.jvirt.domainxml.domain.Disk;

/**
 * The QEMU ids jvirt gives devices, chosen as libvirt chooses them ({@code virtio-disk0},
 * {@code sata0-0-1}, {@code net0}, {@code serial0}, ...). They come from a device's position or
 * its target's index, never from text the user wrote, so they are always well-formed QEMU ids;
 * the driver uses the same functions to find a device for hotplug and unplug.
 */
public final class DeviceIds {

    private DeviceIds() {}

    /** The id of the {@code n}th {@code <interface>} (from 0). */
    public static String net(int n) {
        return "net" + n;
    }

    /** The {@code -netdev} id of the {@code n}th {@code <interface>}. */
    public static String hostnet(int n) {
        return "hostnet" + n;
    }

    /** The id of a disk; see the class comment. */
    public static String disk(Disk d) {
        if (d.target() == null) {
            throw new CommandLineException("disk", "has no <target>");
        }
        String bus = d.target().bus();
        String what = "disk '" + d.target().dev() + "'";
        int idx = targetIndex(d.target().dev(), what);
        switch (bus == null ? "" : bus) {
            case "virtio":
                return "virtio-disk" + idx;
            case "usb":
                return "usb-disk" + idx;
            case "sata": {
                DriveAddress a = DriveAddress.of(d);
                return "sata" + a.controller() + "-" + a.bus() + "-" + a.unit();
            }
            case "ide": {
                DriveAddress a = DriveAddress.of(d);
                return "ide" + a.controller() + "-" + a.bus() + "-" + a.unit();
            }
            case "scsi": {
                DriveAddress a = DriveAddress.of(d);
                return "scsi" + a.controller() + "-" + a.bus() + "-" + a.target() + "-" + a.unit();
            }
            default:
                throw new CommandLineException(what, "bus '" + bus + "' is not supported; use virtio, sata, scsi, ide or usb");
        }
    }

    /** The block node names of a disk's image, and of its backing images (level 1, 2, ...). */
    static String storageNode(String diskId, int level) {
        return diskId + (level == 0 ? "" : "-b" + level) + "-storage";
    }

    static String formatNode(String diskId, int level) {
        return diskId + (level == 0 ? "" : "-b" + level) + "-format";
    }

    /**
     * The index in a target name as libvirt counts it: {@code vda} → 0, {@code sdb} → 1,
     * {@code hdaa} → 26.
     */
    static int targetIndex(String dev, String what) {
        if (dev == null) {
            throw new CommandLineException(what, "has no <target dev>");
        }
        String letters = null;
        for (String prefix : new String[] {"xvd", "ubd", "fd", "hd", "vd", "sd"}) {
            if (dev.startsWith(prefix)) {
                letters = dev.substring(prefix.length());
                break;
            }
        }
        if (letters == null || letters.isEmpty() || letters.length() > 4) {
            throw new CommandLineException(what, "target name must be like vda, sda or hda");
        }
        int idx = 0;
        for (char c : letters.toCharArray()) {
            if (c < 'a' || c > 'z') {
                throw new CommandLineException(what, "target name must be like vda, sda or hda");
            }
            idx = idx * 26 + (c - 'a' + 1);
        }
        return idx - 1;
    }

}
