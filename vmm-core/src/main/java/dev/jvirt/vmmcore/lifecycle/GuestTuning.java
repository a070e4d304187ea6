package dev.jvirt.vmmcore.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.Memballoon;
import dev.jvirt.domainxml.domain.Vcpu;
import dev.jvirt.vmmcore.DisplayInfo;
import dev.jvirt.vmmcore.GuestControlException;
import dev.jvirt.vmmcore.InvalidArgumentException;
import dev.jvirt.vmmcore.OperationInvalidException;
import dev.jvirt.vmmcore.store.RuntimeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What live tuning does to a running guest over its QMP connection, as libvirt's QEMU driver
 * does it: the balloon's target ({@code balloon}, setmem --live), vCPU hotplug, keys, an NMI
 * ({@code inject-nmi}), a screenshot ({@code screendump}), disk resize and CD-ROM media, the
 * displays; its threads are {@link GuestThreads}'. A change the live definition has (the balloon's size)
 * is written to it and to {@code live.xml}, under the domain's lock.
 */
public final class GuestTuning {
    private final RuntimeStore runtime;
    private final DomainDefinitions xml;

    public GuestTuning(RuntimeStore runtime, DomainDefinitions xml) {
        this.runtime = runtime;
        this.xml = xml;
    }

    /**
     * Asks the guest's balloon for {@code kib} of memory (the guest's driver gives the rest back).
     *
     * @throws InvalidArgumentException  over the domain's maximum memory
     * @throws OperationInvalidException the domain has no balloon
     */
    public void balloon(String name, RunningGuest g, long kib) {
        Domain live = g.live();
        if (kib > live.memoryKiB()) {
            throw new InvalidArgumentException("cannot set memory higher than max memory"); // libvirt's words
        }
        Memballoon b = live.devices().memballoon();
        if (b == null || "none".equals(b.model())) {
            throw new OperationInvalidException("Unable to change memory of active domain without the balloon device "
                    + "and guest OS balloon driver");
        }
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("value", kib * 1024);
        GuestMonitor.call(g, name, "balloon", args);
        Domain changed = live.withMemory(live.memoryKiB(), kib);
        g.live(changed);
        try {
            runtime.writeLiveXml(g.paths(), xml.format(changed));
        } catch (IOException e) {
            throw new GuestControlException("the balloon of domain '" + name + "' was set to " + kib
                    + " KiB, but its live definition could not be written: " + e.getMessage(), e);
        }
    }

    /**
     * Brings the running guest to {@code count} vCPUs by hotplug (setvcpus --live); its live
     * definition's {@code <vcpu current>} follows.
     *
     * @throws InvalidArgumentException over its maximum, or fewer than it started with
     */
    public void setVcpus(String name, RunningGuest g, int count) {
        Domain live = g.live();
        int max = live.maxVcpus();
        int current = live.vcpus();
        if (count > max) {
            throw new InvalidArgumentException("requested vcpus is greater than max allowable vcpus for the live domain: "
                    + count + " > " + max); // libvirt's words
        }
        if (count == current) {
            return;
        }
        try {
            VcpuHotplug.resize(name, g, current, count, java.time.Duration.ofSeconds(20));
        } finally {
            int now = GuestMonitor.call(g, name, "query-cpus-fast", null).size();
            Vcpu v = live.vcpu();
            Domain changed = live.withVcpu(new Vcpu(max, now == max ? null : now, v == null ? null : v.placement(),
                    v == null ? null : v.cpuset()));
            g.live(changed);
            try {
                runtime.writeLiveXml(g.paths(), xml.format(changed));
            } catch (IOException e) {
                throw new GuestControlException("domain '" + name + "' has " + now
                        + " vCPUs now, but its live definition could not be written: " + e.getMessage(), e);
            }
        }
    }

    /** Gives the running guest's live definition another title or description (virsh desc --live). */
    public void describe(String name, RunningGuest g, boolean title, String text) {
        Domain live = g.live();
        Domain changed = title ? live.withTitleAndDescription(text, live.description())
                : live.withTitleAndDescription(live.title(), text);
        g.live(changed);
        try {
            runtime.writeLiveXml(g.paths(), xml.format(changed));
        } catch (IOException e) {
            throw new GuestControlException("the " + (title ? "title" : "description") + " of domain '" + name
                    + "' was changed, but its live definition could not be written: " + e.getMessage(), e);
        }
    }

    /** The running guest's VNC and SPICE displays as QEMU serves them ({@code query-vnc}, {@code query-spice}). */
    public List<DisplayInfo> displays(String name, RunningGuest g) {
        List<DisplayInfo> out = new ArrayList<>();
        boolean vnc = false;
        boolean spice = false;
        for (var gr : g.live().devices().graphics()) {
            vnc |= "vnc".equals(gr.type());
            spice |= "spice".equals(gr.type());
        }
        if (vnc) {
            JsonNode v = GuestMonitor.call(g, name, "query-vnc", null);
            if (v.path("enabled").asBoolean() && v.path("service").asText("").matches("\\d+")) {
                out.add(new DisplayInfo("vnc", v.path("host").asText(""), Integer.parseInt(v.path("service").asText()), null));
            }
        }
        if (spice) {
            JsonNode sp = GuestMonitor.call(g, name, "query-spice", null);
            if (sp.path("enabled").asBoolean()) {
                out.add(new DisplayInfo("spice", sp.path("host").asText(""), sp.path("port").asInt(-1),
                        sp.has("tls-port") ? sp.path("tls-port").asInt() : null));
            }
        }
        return out;
    }

    /**
     * Presses {@code keys} together on the guest's keyboard and releases them after {@code holdMillis}
     * (QMP {@code send-key}); each key is a QEMU qcode ({@code ctrl}, {@code a}) or a number (a qnum).
     */
    public void sendKey(String name, RunningGuest g, List<String> keys, int holdMillis) {
        var list = JsonNodeFactory.instance.arrayNode();
        for (String k : keys) {
            ObjectNode key = list.addObject();
            if (k.matches("\\d+")) {
                key.put("type", "number").put("data", Integer.parseInt(k));
            } else {
                key.put("type", "qcode").put("data", k);
            }
        }
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.set("keys", list);
        if (holdMillis > 0) {
            args.put("hold-time", holdMillis);
        }
        GuestMonitor.call(g, name, "send-key", args);
    }

    /**
     * Grows (or shrinks, where the format allows) the image of the running guest's disk {@code disk}
     * (its target, vda, or its source path) to {@code bytes} (QMP {@code block_resize} of its top node);
     * answers the disk's target.
     */
    public String blockResize(String name, RunningGuest g, String disk, long bytes) {
        dev.jvirt.domainxml.domain.Disk found = null;
        for (var d : g.live().devices().disks()) {
            String path = d.source() == null ? null : d.source().path();
            if ((d.target() != null && disk.equals(d.target().dev())) || disk.equals(path)) {
                found = d;
            }
        }
        if (found == null) {
            throw new InvalidArgumentException("disk '" + disk + "' was not found in domain '" + name + "'");
        }
        JsonNode b = GuestStats.byDevice(GuestMonitor.call(g, name, "query-block", null))
                .get(dev.jvirt.vmmcore.qemu.argv.DeviceIds.disk(found));
        String node = b == null ? "" : b.path("inserted").path("node-name").asText("");
        if (node.isEmpty()) {
            throw new OperationInvalidException("disk '" + disk + "' of domain '" + name + "' has no medium to resize");
        }
        GuestMonitor.call(g, name, "block_resize", JsonNodeFactory.instance.objectNode().put("node-name", node).put("size", bytes));
        return found.target().dev();
    }

    /**
     * Ejects the medium of the running guest's CD-ROM drive {@code target} ({@code file} null: QMP
     * {@code eject}) or puts {@code file} in it ({@code blockdev-change-medium}, read-only raw); the
     * live definition's source follows. Answers whether the drive had a medium before.
     */
    public boolean changeMedia(String name, RunningGuest g, String target, String file, boolean force) {
        Domain live = g.live();
        List<dev.jvirt.domainxml.domain.Disk> disks = new ArrayList<>(live.devices().disks());
        int index = -1;
        for (int i = 0; i < disks.size(); i++) {
            var d = disks.get(i);
            if (d.target() != null && target.equals(d.target().dev())
                    || d.source() != null && target.equals(d.source().path())) {
                index = i;
            }
        }
        if (index < 0) {
            throw new InvalidArgumentException("No disk found whose source path or target is " + target); // virsh's words
        }
        var disk = disks.get(index);
        if (!disk.isCdrom()) {
            throw new InvalidArgumentException("disk " + disk.target().dev() + " of domain '" + name
                    + "' is not a CD-ROM drive: its medium cannot change");
        }
        boolean had = disk.source() != null && disk.source().path() != null;
        String id = dev.jvirt.vmmcore.qemu.argv.DeviceIds.disk(disk);
        if (file == null) {
            GuestMonitor.call(g, name, "eject", JsonNodeFactory.instance.objectNode().put("id", id).put("force", force));
        } else {
            if (!Files.isReadable(Path.of(file))) {
                throw new InvalidArgumentException("Cannot access storage file '" + file + "': No such file or directory");
            }
            GuestMonitor.call(g, name, "blockdev-change-medium", JsonNodeFactory.instance.objectNode().put("id", id)
                    .put("filename", file).put("format", "raw").put("read-only-mode", "read-only"));
        }
        disks.set(index, disk.withMedium(file));
        var b = live.devices().toBuilder();
        b.disks = disks;
        Domain changed = live.withDevices(b.build());
        g.live(changed);
        try {
            runtime.writeLiveXml(g.paths(), xml.format(changed));
        } catch (IOException e) {
            throw new GuestControlException("the medium of " + target + " of domain '" + name
                    + "' changed, but its live definition could not be written: " + e.getMessage(), e);
        }
        return had;
    }

    /** Sends the guest a non-maskable interrupt. */
    public void injectNmi(String name, RunningGuest g) {
        GuestMonitor.call(g, name, "inject-nmi", null);
    }

    /** The guest's display as a PPM image (QEMU's {@code screendump} into its runtime directory, read, removed). */
    public byte[] screenshot(String name, RunningGuest g, int screen) {
        if (screen < 0) {
            throw new InvalidArgumentException("the screen number must not be negative");
        }
        Path file = g.paths().dir().resolve("screenshot.ppm");
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("filename", file.toString());
        if (screen > 0) {
            args.put("head", screen);
        }
        try {
            GuestMonitor.call(g, name, "screendump", args);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new GuestControlException("could not read the screenshot QEMU of domain '" + name + "' wrote to "
                    + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left in the runtime directory; it goes with it
            }
        }
    }

}
