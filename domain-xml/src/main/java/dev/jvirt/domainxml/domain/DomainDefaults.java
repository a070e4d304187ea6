package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.Uuids;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Fills the values libvirt fills on define: UUID, MACs (52:54:00:xx:xx:xx), disk buses from
 * the target name, drivers, implicit controllers and devices, and PCI / drive / virtio-serial
 * addresses. Values already present are never changed, so filling is idempotent and a file kept
 * in git does not churn between define and dumpxml. Pure: the only input besides the definition
 * is the random source.
 */
public final class DomainDefaults {
    private static final Random SECURE = new SecureRandom();

    private DomainDefaults() {}

    /** Fills defaults using a secure random source for UUID and MACs. */
    public static Domain fill(Domain d) {
        return fill(d, SECURE);
    }

    /** Fills defaults drawing UUID and MACs from {@code random} (tests pass a seeded one). */
    public static Domain fill(Domain d, Random random) {
        String uuid = d.uuid() == null ? Uuids.random(random) : Uuids.normalise(d.uuid());
        Vcpu vcpu = d.vcpu() == null ? new Vcpu(1, null, "static", null)
                : d.vcpu().placement() == null ? new Vcpu(d.vcpu().count(), d.vcpu().current(), "static", d.vcpu().cpuset())
                : d.vcpu();
        Long current = d.currentMemoryKiB() == null && d.memoryKiB() > 0 ? Long.valueOf(d.memoryKiB()) : d.currentMemoryKiB();
        Devices.Builder b = d.devices().toBuilder();
        fillDisks(b);
        fillInterfaces(b, random);
        CharDefaults.fill(b);
        PlatformDefaults.devices(b);
        Os os = fillOs(d.os(), b);
        boolean q35 = os.machine() != null && os.machine().contains("q35");
        ImplicitDevices.add(b, q35);
        PciAddresses.assign(b, q35);
        UsbAddresses.assign(b);
        Clock clock = d.clock() == null ? new Clock("utc", null, null, null, List.of()) : d.clock();
        return new Domain(d.type(), d.name(), uuid, d.title(), d.description(), d.metadata(), d.maxMemory(),
                d.memoryKiB(), current, d.memoryBacking(), vcpu, d.iothreads(), os, PlatformDefaults.features(d.features()), PlatformDefaults.cpu(d.cpu()), clock,
                d.onPoweroff() == null ? "destroy" : d.onPoweroff(),
                d.onReboot() == null ? "restart" : d.onReboot(),
                d.onCrash() == null ? "destroy" : d.onCrash(),
                d.pm(), b.build(), d.tuning(), d.sysinfo(), d.seclabels(), d.qemuCommandline(), d.extensions(),
                d.comments());
    }

    private static Os fillOs(Os os, Devices.Builder b) {
        if (os == null) {
            os = new Os(null, null, null, null, null, null, null, null, null, List.of(), null, null, null, List.of());
        }
        boolean perDeviceBoot = b.disks.stream().anyMatch(x -> x.bootOrder() != null)
                || b.interfaces.stream().anyMatch(x -> x.bootOrder() != null);
        List<String> boot = os.bootDevices().isEmpty() && !perDeviceBoot ? List.of("hd") : os.bootDevices();
        return new Os(os.firmware(), os.type(),
                os.arch() == null ? "x86_64" : os.arch(), os.machine(), os.loader(), os.nvram(), os.kernel(),
                os.initrd(), os.cmdline(), boot, os.bootMenu(), os.bios(), os.smbiosMode(), os.firmwareFeatures());
    }

    /** The bus libvirt derives from a target name prefix, or null when the prefix says nothing. */
    public static String busForTarget(String dev, String device) {
        if ("floppy".equals(device)) {
            return "fdc";
        }
        if (dev == null) {
            return null;
        }
        if (dev.startsWith("vd")) {
            return "virtio";
        }
        if (dev.startsWith("sd")) {
            return "scsi";
        }
        if (dev.startsWith("hd")) {
            return "ide";
        }
        if (dev.startsWith("fd")) {
            return "fdc";
        }
        if (dev.startsWith("xvd")) {
            return "xen";
        }
        return null;
    }

    private static void fillDisks(Devices.Builder b) {
        List<Disk> out = new ArrayList<>(b.disks.size());
        for (Disk d : b.disks) {
            Disk.Target t = d.target();
            if (t != null && t.bus() == null) {
                String bus = busForTarget(t.dev(), d.device());
                if (bus != null) {
                    t = new Disk.Target(t.dev(), bus, t.tray(), t.removable());
                }
            }
            Disk.Driver dr = d.driver();
            if (!"volume".equals(d.type()) && (dr == null || dr.name() == null || dr.type() == null)) {
                dr = dr == null ? new Disk.Driver("qemu", "raw", null, null, null, null, null, null, null)
                        : new Disk.Driver(dr.name() == null ? "qemu" : dr.name(), dr.type() == null ? "raw" : dr.type(),
                                dr.cache(), dr.io(), dr.discard(), dr.detectZeroes(), dr.iothread(), dr.queues(), dr.errorPolicy());
            }
            boolean ro = d.readonly() || d.isCdrom();
            Address a = d.address();
            if (a == null && t != null) {
                a = DriveAddresses.forTarget(t.dev(), t.bus());
            }
            out.add(new Disk(d.type(), d.device(), dr, d.source(), d.backingStore(), t, ro, d.shareable(),
                    d.serial(), d.bootOrder(), a, d.io()));
        }
        b.disks = out;
    }

    private static void fillInterfaces(Devices.Builder b, Random random) {
        Set<String> used = new HashSet<>();
        for (NetInterface i : b.interfaces) {
            if (i.mac() != null) {
                used.add(i.mac().toLowerCase(Locale.ROOT));
            }
        }
        List<NetInterface> out = new ArrayList<>(b.interfaces.size());
        for (NetInterface i : b.interfaces) {
            String mac = i.mac() == null ? null : i.mac().toLowerCase(Locale.ROOT);
            while (mac == null) {
                String m = String.format("52:54:00:%02x:%02x:%02x", random.nextInt(256), random.nextInt(256), random.nextInt(256));
                if (used.add(m)) {
                    mac = m;
                }
            }
            NetInterface n = i.withMac(mac);
            if (n.model() == null) {
                n = new NetInterface(n.type(), n.mac(), n.sourceNetwork(), n.sourceBridge(), n.sourceDev(), n.sourceMode(),
                        n.sourcePortgroup(), "rtl8139", n.driverName(), n.driverQueues(), n.targetDev(), n.mtu(), n.linkState(),
                        n.bootOrder(), n.address(), n.targetManaged(), n.backend(), n.portForwards());
            }
            out.add(n);
        }
        b.interfaces = out;
    }
}
