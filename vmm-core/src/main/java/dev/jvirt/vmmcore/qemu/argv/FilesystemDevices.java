package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Filesystem;
import java.util.List;

/**
 * A shared host directory, the n-th being {@code fs<n>}: virtiofs as {@code vhost-user-fs-pci}
 * talking to a {@code virtiofsd} the driver starts on {@code GuestPaths.virtiofsSocket("fs<n>")}
 * (guest RAM is then shared memory, see {@link MachineArgs#memoryBackend}); 9p as {@code -fsdev
 * local} plus {@code virtio-9p-pci}.
 */
final class FilesystemDevices {

    private FilesystemDevices() {}

    static DeviceSpec spec(BuildContext ctx, Filesystem fs, int index) {
        String id = "fs" + index;
        String what = "filesystem " + index + " (" + id + ")";
        if (fs.type() != null && !"mount".equals(fs.type())) {
            throw new CommandLineException(what, "type '" + fs.type() + "' is not supported; use mount");
        }
        if (fs.sourceDir() == null || fs.targetDir() == null) {
            throw new CommandLineException(what, "needs <source dir> and <target dir>");
        }
        ObjectNode dev = Json.object();
        Backend backend;
        if (fs.isVirtiofs()) {
            if (fs.readonly()) {
                throw new CommandLineException(what, "virtiofs cannot be read-only here; use 9p (driver type='path') or mount it read-only in the guest");
            }
            if (fs.accessmode() != null && !"passthrough".equals(fs.accessmode())) {
                throw new CommandLineException(what, "virtiofs supports accessmode passthrough only");
            }
            String chr = "chr-vu-" + id;
            backend = new Backend.Chardev(chr, QemuOpts.of("socket").add("id", chr)
                    .add("path", CharBackends.socketPath(ctx.paths.virtiofsSocket(id).toString(), what)).build());
            dev.put("driver", "vhost-user-fs-pci");
            dev.put("id", id);
            dev.put("chardev", chr);
            dev.put("queue-size", fs.driverQueue() == null ? 1024 : fs.driverQueue());
            dev.put("tag", fs.targetDir());
        } else if (fs.driverType() == null || "path".equals(fs.driverType())) {
            String model = switch (fs.accessmode() == null ? "passthrough" : fs.accessmode()) {
                case "passthrough" -> "passthrough";
                case "mapped" -> "mapped";
                case "squash" -> "none";
                default -> throw new CommandLineException(what, "accessmode '" + fs.accessmode() + "' is not one of passthrough, mapped, squash");
            };
            String fsdev = "fsdev-" + id;
            QemuOpts o = QemuOpts.of("local").add("security_model", model).add("id", fsdev).add("path", fs.sourceDir());
            if (fs.readonly()) {
                o.onOff("readonly", true);
            }
            backend = new Backend.Fsdev(fsdev, o.build());
            dev.put("driver", "virtio-9p-pci");
            dev.put("id", id);
            dev.put("fsdev", fsdev);
            dev.put("mount_tag", fs.targetDir());
        } else {
            throw new CommandLineException(what, "driver type '" + fs.driverType() + "' is not supported; use virtiofs or path (9p)");
        }
        ctx.placePci(dev, fs.address(), what);
        ctx.requireDeviceType(dev.get("driver").asText(), what);
        return new DeviceSpec(id, List.of(backend), dev);
    }
}
