package dev.jvirt.vmmcore.qemu.argv;

import java.util.List;
import java.util.Optional;

/**
 * A built command line and the devices it is made of.
 *
 * @param argv    QEMU's argv, the emulator first
 * @param devices every device with a jvirt-owned id, in command-line order; hotplug reuses one of
 *                these (see {@link DeviceSpec})
 */
public record CommandLinePlan(List<String> argv, List<DeviceSpec> devices) {

    public CommandLinePlan {
        argv = List.copyOf(argv);
        devices = List.copyOf(devices);
    }

    /** The device with this id ({@code virtio-disk0}, {@code net1}, ...), if the definition has it. */
    public Optional<DeviceSpec> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
