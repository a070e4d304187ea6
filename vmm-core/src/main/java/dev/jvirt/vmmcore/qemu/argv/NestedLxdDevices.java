package dev.jvirt.vmmcore.qemu.argv;

import dev.jvirt.domainxml.domain.CharDevice;
import dev.jvirt.domainxml.domain.Cpu;
import dev.jvirt.domainxml.domain.Devices;
import dev.jvirt.domainxml.domain.Disk;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainDefaults;
import dev.jvirt.domainxml.domain.NestedLxd;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * What the nested-LXD option ({@link NestedLxd}) adds to a definition at start, before its
 * command line is built: the cloud-init seed as a read-only CD-ROM (IDE on i440fx, SATA on Q35),
 * a QEMU guest agent channel ({@code org.qemu.guest_agent.0}, virtio-serial, on
 * {@code GuestPaths.guestAgentSocket()}) unless the definition has one, and for {@code type='kvm'}
 * on a host whose KVM nests, {@code host-passthrough} with {@code vmx} or {@code svm} required.
 * Then domain-xml's defaults give the new devices their addresses and controllers. Pure; the
 * stored definition is never changed (dumpxml --inactive shows what the user wrote).
 */
public final class NestedLxdDevices {
    /** The channel name QEMU's guest agent listens on. */
    public static final String AGENT_CHANNEL = "org.qemu.guest_agent.0";

    /** What the host's KVM can give a guest for nesting: nothing, or Intel's or AMD's flag. */
    public enum Nesting {
        NONE(null), VMX("vmx"), SVM("svm");

        private final String flag;

        Nesting(String flag) {
            this.flag = flag;
        }

        /** The CPU flag, or null. */
        public String flag() {
            return flag;
        }
    }

    private NestedLxdDevices() {
    }

    /**
     * The definition as the start runs it: unchanged without the option.
     *
     * @param seed the seed ISO jvirtd writes for this start
     * @param nesting what the host's KVM nests (ignored for TCG guests)
     */
    public static Domain apply(Domain def, Path seed, Nesting nesting) {
        if (NestedLxd.of(def).isEmpty()) {
            return def;
        }
        Devices.Builder b = def.devices().toBuilder();
        List<Disk> disks = new ArrayList<>(b.disks);
        disks.add(seedDisk(def, seed));
        b.disks = disks;
        if (def.devices().guestAgentChannel() == null) {
            List<CharDevice> channels = new ArrayList<>(b.channels);
            channels.add(new CharDevice("unix", new CharDevice.Source("bind", null, null, null, null), null, null, null,
                    new CharDevice.Target("virtio", null, AGENT_CHANNEL, null), null));
            b.channels = channels;
        }
        Domain d = def.withDevices(b.build());
        if (d.isKvm() && nesting != Nesting.NONE) {
            d = d.withCpu(nestingCpu(d.cpu(), nesting));
        }
        // the definition has its UUID and MACs: the random source is never drawn from
        return DomainDefaults.fill(d, new Random(0));
    }

    private static Disk seedDisk(Domain def, Path seed) {
        boolean q35 = def.isQ35();
        String prefix = q35 ? "sd" : "hd";
        Set<String> used = new HashSet<>();
        for (Disk d : def.devices().disks()) {
            if (d.target() != null && d.target().dev() != null) {
                used.add(d.target().dev());
            }
        }
        // the last IDE unit (hdd) or the next free SATA name, away from what users write first
        String dev = null;
        for (char c : (q35 ? "abcdef" : "dcb").toCharArray()) {
            if (!used.contains(prefix + c)) {
                dev = prefix + c;
                break;
            }
        }
        if (dev == null) {
            throw new CommandLineException("<jvirt:nested-lxd>", "no free " + (q35 ? "SATA" : "IDE")
                    + " unit for the cloud-init seed; remove a disk on that bus");
        }
        return new Disk("file", "cdrom", new Disk.Driver("qemu", "raw", null, null, null, null, null, null, null),
                new Disk.Source(seed.toString(), null, null, null, null, null, null, null, List.of()), null,
                new Disk.Target(dev, q35 ? "sata" : "ide", null, null), true, false, null, null, null);
    }

    private static Cpu nestingCpu(Cpu cpu, Nesting nesting) {
        List<Cpu.Feature> features = new ArrayList<>();
        if (cpu != null) {
            for (Cpu.Feature f : cpu.features()) {
                if (!f.name().equals(nesting.flag())) {
                    features.add(f);
                }
            }
        }
        features.add(new Cpu.Feature("require", nesting.flag()));
        return new Cpu("host-passthrough", null, null, null, null, null, cpu == null ? null : cpu.topology(),
                features, cpu == null ? null : cpu.cache(), cpu == null ? List.of() : cpu.numa());
    }
}
