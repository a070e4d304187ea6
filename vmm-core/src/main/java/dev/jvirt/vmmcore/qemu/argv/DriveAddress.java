package dev.jvirt.vmmcore.qemu.argv;

import dev.jvirt.domainxml.domain.Address;
import dev.jvirt.domainxml.domain.Disk;

/**
 * Where a SATA, IDE, SCSI or USB disk sits: its {@code <address type='drive'>}, with parts not
 * given computed from the target name as libvirt does (six SATA ports per controller, two units
 * on each of two IDE buses, seven SCSI units per controller).
 */
record DriveAddress(int controller, int bus, int target, int unit) {

    static DriveAddress of(Disk d) {
        String bus = d.target().bus();
        int idx = DeviceIds.targetIndex(d.target().dev(), "disk '" + d.target().dev() + "'");
        Address.Drive a = d.address() instanceof Address.Drive drive ? drive : null;
        DriveAddress computed = switch (bus == null ? "" : bus) {
            case "sata" -> new DriveAddress(idx / 6, 0, 0, idx % 6);
            case "ide" -> new DriveAddress(idx / 4, (idx % 4) / 2, 0, idx % 2);
            case "scsi" -> new DriveAddress(idx / 7, 0, 0, idx % 7);
            default -> new DriveAddress(0, 0, 0, idx);
        };
        if (a == null) {
            return computed;
        }
        return new DriveAddress(
                a.controller() == null ? computed.controller : a.controller(),
                a.bus() == null ? computed.bus : a.bus(),
                a.target() == null ? computed.target : a.target(),
                a.unit() == null ? computed.unit : a.unit());
    }
}
