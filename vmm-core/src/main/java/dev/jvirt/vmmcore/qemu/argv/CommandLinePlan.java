package dev.jvirt.vmmcore.qemu.argv;

import dev.jvirt.vmmcore.qemu.ConsoleKind;
import java.util.List;
import java.util.Optional;

/**
 * A built command line and the devices it is made of.
 *
 * @param argv    QEMU's argv, the emulator first
 * @param devices every device with a jvirt-owned id, in command-line order; hotplug reuses one of
 *                these (see {@link DeviceSpec})
 * @param console how the console hub reaches the guest's console on this command line
 */
public record CommandLinePlan(List<String> argv, List<DeviceSpec> devices, ConsoleKind console) {

    public CommandLinePlan {
        argv = List.copyOf(argv);
        devices = List.copyOf(devices);
    }

    /** The device with this id ({@code virtio-disk0}, {@code net1}, ...), if the definition has it. */
    public Optional<DeviceSpec> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /**
     * The QMP commands that hot-plug device {@code id} with exactly the properties its command-line
     * options have: {@code blockdev-add}/{@code object-add}/{@code netdev_add} per backend, then
     * {@code device_add}.
     *
     * @throws CommandLineException no such device, or one whose backend has no JSON form (chardev, fsdev)
     */
    public List<QmpCommand> hotplug(String id) {
        return device(id).orElseThrow(() -> new CommandLineException("device '" + id + "'", "is not in the definition"))
                .hotplug();
    }
}
