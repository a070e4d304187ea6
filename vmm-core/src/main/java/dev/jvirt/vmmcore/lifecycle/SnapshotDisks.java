package dev.jvirt.vmmcore.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Devices;
import dev.jvirt.domainxml.domain.Disk;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.vmmcore.InvalidArgumentException;
import dev.jvirt.vmmcore.qemu.QemuImg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The disks a snapshot covers and what is done to them: the writable file disks of the
 * definition (CD-ROMs and read-only disks are left out, as libvirt does), their nodes in a
 * running QEMU (by {@code query-block}), external overlays made by qemu-img and put on top with
 * {@code blockdev-add} + {@code blockdev-snapshot}, and the definition with a disk's file changed.
 */
final class SnapshotDisks {

    private SnapshotDisks() {
    }

    /** The disks a snapshot of {@code def} covers. */
    static List<Disk> of(Domain def) {
        List<Disk> out = new ArrayList<>();
        for (Disk d : def.devices().disks()) {
            if (d.isCdrom() || d.readonly() || "floppy".equals(d.device()) || d.target() == null) {
                continue;
            }
            if (d.source() == null || d.source().file() == null) {
                throw new InvalidArgumentException("disk " + d.target().dev() + " is not a file: snapshots of "
                        + (d.source() != null && d.source().pool() != null ? "volume" : "block or network")
                        + " disks are not supported yet");
            }
            out.add(d);
        }
        if (out.isEmpty()) {
            throw new InvalidArgumentException("domain '" + def.name() + "' has no writable disk to snapshot");
        }
        return out;
    }

    static String format(Disk d) {
        return d.driver() != null && d.driver().type() != null ? d.driver().type() : "raw";
    }

    /** Internal snapshots live in qcow2 images only. */
    static void requireQcow2(List<Disk> disks) {
        for (Disk d : disks) {
            if (!"qcow2".equals(format(d))) {
                throw new InvalidArgumentException("internal snapshot of disk " + d.target().dev() + " needs a qcow2 image, '"
                        + d.source().file() + "' is " + format(d) + "; take an external one with --disk-only");
            }
        }
    }

    /** The top node of each disk in the running QEMU, in the order of {@code disks}. */
    static List<JsonNode> nodes(RunningGuest g, String domain, List<Disk> disks) {
        JsonNode block = QmpCalls.run(g, domain, "query-block", QmpCalls.args());
        List<JsonNode> out = new ArrayList<>();
        for (Disk d : disks) {
            JsonNode found = null;
            for (JsonNode b : block) {
                JsonNode in = b.path("inserted");
                if (d.source().file().equals(in.path("file").asText()) || d.source().file().equals(in.path("image").path("filename").asText())) {
                    found = in;
                }
            }
            if (found == null) {
                throw new InvalidArgumentException("disk " + d.target().dev() + " (" + d.source().file() + ") is not open in QEMU");
            }
            out.add(found);
        }
        return out;
    }

    static List<String> nodeNames(List<JsonNode> nodes) {
        return nodes.stream().map(n -> n.path("node-name").asText()).toList();
    }

    static ArrayNode array(List<String> names) {
        ArrayNode a = QmpCalls.args().arrayNode();
        names.forEach(a::add);
        return a;
    }

    /** libvirt's overlay name: beside the image, its name without the extension, then {@code .SNAPSHOT}. */
    static Path overlayPath(Disk d, String snapshot) {
        Path base = Path.of(d.source().file());
        String file = base.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return base.resolveSibling((dot > 0 ? file.substring(0, dot) : file) + "." + snapshot);
    }

    /** Creates {@code overlay} over the disk's image; {@code size} (bytes) when QEMU has the image open, else -1. */
    static void createOverlay(Disk d, Path overlay, long size) throws IOException, InterruptedException {
        if (Files.exists(overlay)) {
            throw new InvalidArgumentException("external snapshot file for disk " + d.target().dev() + " already exists: " + overlay);
        }
        if (size >= 0) { // the image is locked by the running QEMU: qemu-img must not open it
            QemuImg.run("create", "-q", "-f", "qcow2", "-u", "-b", d.source().file(), "-F", format(d), overlay.toString(),
                    Long.toString(size));
        } else {
            QemuImg.run("create", "-q", "-f", "qcow2", "-b", d.source().file(), "-F", format(d), overlay.toString());
        }
    }

    /** Puts {@code overlay} on top of the running disk whose top node is {@code top}: blockdev-add, blockdev-snapshot. */
    static String stack(RunningGuest g, String domain, String top, Path overlay, String nodeName) {
        ObjectNode file = QmpCalls.args().put("driver", "file").put("filename", overlay.toString());
        ObjectNode fmt = QmpCalls.args().put("driver", "qcow2").put("node-name", nodeName);
        fmt.set("file", file);
        fmt.putNull("backing");
        QmpCalls.run(g, domain, "blockdev-add", fmt);
        try {
            QmpCalls.run(g, domain, "blockdev-snapshot", QmpCalls.args().put("node", top).put("overlay", nodeName));
        } catch (RuntimeException e) {
            QmpCalls.run(g, domain, "blockdev-del", QmpCalls.args().put("node-name", nodeName));
            throw e;
        }
        return nodeName;
    }

    /** {@code def} with the disk of target {@code dev} on {@code file} in format {@code type}. */
    static Domain withSource(Domain def, String dev, String file, String type) {
        Devices.Builder b = def.devices().toBuilder();
        List<Disk> disks = new ArrayList<>();
        for (Disk d : def.devices().disks()) {
            if (d.target() != null && dev.equals(d.target().dev())) {
                Disk.Source s = d.source();
                Disk.Source ns = new Disk.Source(file, s.dev(), s.pool(), s.volume(), s.mode(), s.startupPolicy(), s.protocol(),
                        s.name(), s.hosts());
                Disk.Driver dr = d.driver();
                Disk.Driver nd = dr == null ? new Disk.Driver("qemu", type, null, null, null, null, null, null, null)
                        : new Disk.Driver(dr.name(), type, dr.cache(), dr.io(), dr.discard(), dr.detectZeroes(), dr.iothread(),
                        dr.queues(), dr.errorPolicy());
                d = new Disk(d.type(), d.device(), nd, ns, null, d.target(), d.readonly(), d.shareable(), d.serial(),
                        d.bootOrder(), d.address(), d.io());
            }
            disks.add(d);
        }
        b.disks = disks;
        return def.withDevices(b.build());
    }
}
