package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One guest device as QEMU sees it: the backends it needs (in creation order) and its
 * {@code -device} properties. The command line is made from these, so hotplug can reuse them
 * unchanged: {@code blockdev-add}/{@code object-add}/{@code netdev_add} each backend in order,
 * then {@code device_add} with {@link #device()}; unplug is {@code device_del} of {@link #id()},
 * then the backends in reverse.
 *
 * @param id       the QEMU device id jvirt owns, e.g. {@code virtio-disk0}, {@code net0}
 * @param backends backends to create first, in order (may be empty)
 * @param device   the {@code -device} / {@code device_add} properties, or null for a device that
 *                 exists only through its backends or another option (e.g. a built-in ISA device)
 */
public record DeviceSpec(String id, List<Backend> backends, ObjectNode device) {

    public DeviceSpec {
        backends = List.copyOf(backends);
        device = device == null ? null : device.deepCopy();
    }

    @Override
    public ObjectNode device() {
        return device == null ? null : device.deepCopy();
    }

    /** A device with no backend. */
    static DeviceSpec of(String id, ObjectNode device) {
        return new DeviceSpec(id, List.of(), device);
    }

    /**
     * The QMP commands that hot-plug this device with the very JSON its command-line options carry:
     * each backend's {@code blockdev-add}, {@code object-add} or {@code netdev_add}, in order, then
     * {@code device_add} with {@link #device()}.
     *
     * @throws CommandLineException a backend that has no JSON form (chardev, fsdev): its hotplug is the caller's
     */
    public List<QmpCommand> hotplug() {
        List<QmpCommand> out = new ArrayList<>();
        for (Backend b : backends) {
            if (!(b instanceof Backend.JsonBackend json)) {
                throw new CommandLineException("device '" + id + "'", "has a " + b.option()
                        + " backend, which has no JSON form: its hotplug (QMP chardev-add) is the caller's to build");
            }
            String command = b instanceof Backend.Blockdev ? "blockdev-add"
                    : b instanceof Backend.QomObject ? "object-add" : "netdev_add";
            out.add(new QmpCommand(command, json.node()));
        }
        if (device != null) {
            out.add(new QmpCommand("device_add", device));
        }
        return out;
    }

    /** Appends this device's options to an argv: its backends, then its {@code -device}. */
    void appendTo(List<String> argv) {
        for (Backend b : backends) {
            argv.add(b.option());
            argv.add(b.argument());
        }
        if (device != null) {
            argv.add("-device");
            argv.add(Json.text(device));
        }
    }
}
