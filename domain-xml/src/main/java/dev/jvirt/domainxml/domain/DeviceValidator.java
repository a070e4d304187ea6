package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.ViolationKind;
import dev.jvirt.domainxml.Violations;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks disks, controllers, NICs, boot orders and PCI addresses; other devices in {@link OtherDeviceValidator}. */
final class DeviceValidator {
    private static final String DEV = "/domain/devices";
    private static final Pattern TARGET = Pattern.compile("(hd|sd|vd|fd|xvd)[a-z]{1,3}");
    private static final Set<String> DISK_TYPES = Set.of("file", "block", "volume", "network");
    /** Network disk protocols libvirt's schema allows. */
    private static final Set<String> DISK_PROTOCOLS = Set.of("nbd", "iscsi", "rbd", "sheepdog", "gluster", "http", "https",
            "ftp", "ftps", "tftp", "ssh", "vxhs", "nfs");
    private static final Set<String> DISK_DEVICES = Set.of("disk", "cdrom", "floppy", "lun");
    static final Set<String> DISK_BUSES = Set.of("ide", "scsi", "virtio", "usb", "sata", "fdc", "sd");
    private static final Set<String> FORMATS = Set.of("raw", "qcow2", "qcow", "vmdk", "vdi", "vpc", "vhdx", "qed", "luks", "iso", "bochs", "cloop", "dmg", "parallels");
    private static final Set<String> CACHES = Set.of("default", "none", "writethrough", "writeback", "directsync", "unsafe");
    private static final Set<String> CONTROLLER_TYPES = Set.of("pci", "usb", "scsi", "virtio-serial", "sata", "ide", "fdc", "ccid");
    private static final Map<String, Set<String>> CONTROLLER_MODELS = Map.of(
            "usb", Set.of("piix3-uhci", "piix4-uhci", "ehci", "ich9-ehci1", "ich9-uhci1", "ich9-uhci2", "ich9-uhci3",
                    "qemu-xhci", "nec-xhci", "none"),
            "scsi", Set.of("virtio-scsi", "lsilogic", "lsisas1068", "lsisas1078", "virtio-transitional", "virtio-non-transitional"),
            "pci", Set.of("pci-root", "pcie-root", "pcie-root-port", "pci-bridge", "pcie-to-pci-bridge", "dmi-to-pci-bridge",
                    "pcie-switch-upstream-port", "pcie-switch-downstream-port", "pci-expander-bus", "pcie-expander-bus"),
            "virtio-serial", Set.of("virtio", "virtio-transitional", "virtio-non-transitional"));
    private static final Set<String> NET_TYPES = Set.of("user", "network", "bridge", "direct", "ethernet");
    static final Set<String> NET_MODELS = Set.of("virtio", "virtio-transitional", "virtio-non-transitional", "e1000",
            "e1000e", "igb", "rtl8139", "ne2k_pci", "pcnet", "vmxnet3");

    private DeviceValidator() {}

    static void validate(Domain d, Violations v) {
        Devices ds = d.devices();
        v.absolute(ds.emulator(), DEV + "/emulator", "emulator");
        disks(ds.disks(), v);
        controllers(ds.controllers(), v);
        interfaces(ds.interfaces(), v);
        bootOrders(d, v);
        PciAddressCheck.check(ds, v);
        OtherDeviceValidator.validate(d, v);
    }

    private static void disks(List<Disk> disks, Violations v) {
        Map<String, Integer> targets = new HashMap<>();
        for (int i = 0; i < disks.size(); i++) {
            Disk k = disks.get(i);
            String p = Violations.indexed(DEV, "disk", i, disks.size());
            if (v.required(k.type(), p, "attribute 'type'")) {
                v.oneOf(k.type(), DISK_TYPES, p, "disk type");
            }
            v.oneOf(k.device(), DISK_DEVICES, p, "disk device");
            Disk.Target t = k.target();
            if (v.required(t == null ? null : t.dev(), p + "/target", "target dev")) {
                if (!TARGET.matcher(t.dev()).matches()) {
                    v.add(ViolationKind.NAME, p + "/target", "target dev '" + t.dev() + "' must look like vda, sda, hdc or fda");
                }
                Integer prev = targets.putIfAbsent(t.dev(), i);
                if (prev != null) {
                    v.add(ViolationKind.DUPLICATE_TARGET, p + "/target", "target dev '" + t.dev() + "' is already used by disk "
                            + (prev + 1));
                }
            }
            if (t != null) {
                if (t.bus() != null && !DISK_BUSES.contains(t.bus())) {
                    v.add(ViolationKind.BUS, p + "/target", "unknown disk bus '" + t.bus() + "'"
                            + suggest(t.bus(), DISK_BUSES));
                }
                if (k.isCdrom() && "virtio".equals(t.bus())) {
                    v.add(ViolationKind.BUS, p + "/target", "a cdrom cannot use bus 'virtio' (use sata, scsi or ide)");
                }
                v.oneOf(t.tray(), Set.of("open", "closed"), p + "/target", "tray state");
            }
            source(k, p, v);
            Disk.Driver dr = k.driver();
            if (dr != null) {
                v.oneOf(dr.name(), Set.of("qemu"), p + "/driver", "driver name");
                v.oneOf(dr.type(), FORMATS, p + "/driver", "disk format");
                v.oneOf(dr.cache(), CACHES, p + "/driver", "cache mode");
                v.oneOf(dr.io(), Set.of("native", "threads", "io_uring"), p + "/driver", "io mode");
                v.oneOf(dr.discard(), Set.of("unmap", "ignore"), p + "/driver", "discard mode");
                v.oneOf(dr.detectZeroes(), Set.of("off", "on", "unmap"), p + "/driver", "detect_zeroes mode");
            }
            for (Disk.BackingStore b = k.backingStore(); b != null; b = b.next()) {
                v.oneOf(b.format(), FORMATS, p + "/backingStore", "backing format");
                v.absolute(b.source(), p + "/backingStore", "backing store");
            }
        }
    }

    private static void source(Disk k, String p, Violations v) {
        Disk.Source s = k.source();
        boolean removable = k.isCdrom() || "floppy".equals(k.device());
        if (s == null) {
            if (!removable) {
                v.add(ViolationKind.MISSING, p, "a " + k.deviceOrDefault() + " needs a <source>");
            }
            return;
        }
        String sp = p + "/source";
        if ("file".equals(k.type())) {
            if (s.file() == null && !removable) {
                v.add(ViolationKind.MISSING, sp, "a file disk needs source file='...'");
            }
            v.absolute(s.file(), sp, "source file");
        } else if ("block".equals(k.type())) {
            if (s.dev() == null && !removable) {
                v.add(ViolationKind.MISSING, sp, "a block disk needs source dev='...'");
            }
            v.absolute(s.dev(), sp, "source dev");
        } else if ("volume".equals(k.type())) {
            if (s.pool() == null || s.volume() == null) {
                v.add(ViolationKind.MISSING, sp, "a volume disk needs source pool='...' and volume='...'");
            }
            v.oneOf(s.mode(), Set.of("host", "direct"), sp, "volume mode");
        } else if ("network".equals(k.type())) {
            if (s.protocol() == null) {
                v.add(ViolationKind.MISSING, sp, "a network disk needs source protocol='nbd|iscsi|rbd|http|https|gluster|...'");
            }
            v.oneOf(s.protocol(), DISK_PROTOCOLS, sp, "network disk protocol");
            if (s.hosts().isEmpty() && !"rbd".equals(s.protocol())) {
                v.add(ViolationKind.MISSING, sp, "a network disk needs a <host name='...'/> (or <host transport='unix' socket='...'/>)");
            }
        }
        v.oneOf(s.startupPolicy(), Set.of("mandatory", "requisite", "optional"), sp, "startup policy");
    }

    private static void controllers(List<Controller> cs, Violations v) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < cs.size(); i++) {
            Controller c = cs.get(i);
            String p = Violations.indexed(DEV, "controller", i, cs.size());
            if (!v.required(c.type(), p, "attribute 'type'")) {
                continue;
            }
            v.oneOf(c.type(), CONTROLLER_TYPES, p, "controller type");
            Set<String> models = CONTROLLER_MODELS.get(c.type());
            if (models != null && c.model() != null && !models.contains(c.model())) {
                v.add(ViolationKind.MODEL, p, "unknown " + c.type() + " controller model '" + c.model() + "'" + suggest(c.model(), models));
            }
            if (c.index() != null && c.index() < 0) {
                v.add(ViolationKind.RANGE, p, "controller index must not be negative");
            }
            // USB companion controllers (ich9-uhci1..3 with <master startport>) share their master's index
            boolean companion = "usb".equals(c.type()) && c.masterStartport() != null;
            if (c.index() != null && !companion && seen.putIfAbsent(c.type() + "/" + c.index(), i) != null) {
                v.add(ViolationKind.DUPLICATE, p, "a " + c.type() + " controller with index " + c.indexOrZero() + " is already defined");
            }
        }
    }

    private static void interfaces(List<NetInterface> ns, Violations v) {
        Map<String, Integer> macs = new HashMap<>();
        for (int i = 0; i < ns.size(); i++) {
            NetInterface n = ns.get(i);
            String p = Violations.indexed(DEV, "interface", i, ns.size());
            if (v.required(n.type(), p, "attribute 'type'")) {
                v.oneOf(n.type(), NET_TYPES, p, "interface type");
            }
            if ("network".equals(n.type())) {
                v.required(n.sourceNetwork(), p + "/source", "source network");
            } else if ("bridge".equals(n.type())) {
                v.required(n.sourceBridge(), p + "/source", "source bridge");
            } else if ("direct".equals(n.type())) {
                v.required(n.sourceDev(), p + "/source", "source dev");
                v.oneOf(n.sourceMode(), Set.of("bridge", "vepa", "private", "passthrough"), p + "/source", "direct mode");
            }
            if (v.mac(n.mac(), p + "/mac")) {
                Integer prev = macs.putIfAbsent(n.mac().toLowerCase(Locale.ROOT), i);
                if (prev != null) {
                    v.add(ViolationKind.DUPLICATE_MAC, p + "/mac", "MAC address " + n.mac() + " is already used by interface " + (prev + 1));
                }
            }
            if (n.model() != null && !NET_MODELS.contains(n.model())) {
                v.add(ViolationKind.MODEL, p + "/model", "unknown NIC model '" + n.model() + "'" + suggest(n.model(), NET_MODELS));
            }
            v.oneOf(n.linkState(), Set.of("up", "down"), p + "/link", "link state");
            v.oneOf(n.driverName(), Set.of("vhost", "qemu"), p + "/driver", "driver name");
            if (n.targetDev() != null && (n.targetDev().length() > 15 || n.targetDev().indexOf('/') >= 0 || n.targetDev().isBlank())) {
                v.add(ViolationKind.NAME, p + "/target", "target dev '" + n.targetDev() + "' is not a valid interface name (at most 15 characters, no '/')");
            }
            v.range(n.mtu(), 68, 65535, p + "/mtu", "MTU");
            v.range(n.driverQueues(), 1, 256, p + "/driver", "queues");
            userBackend(n, p, v);
        }
    }

    /** {@code <backend>} and {@code <portForward>} of a user-mode NIC, as libvirt 9 accepts them. */
    private static void userBackend(NetInterface n, String p, Violations v) {
        NetInterface.Backend b = n.backend();
        if (b != null) {
            if (v.required(b.type(), p + "/backend", "attribute 'type'")) {
                v.oneOf(b.type(), Set.of("default", "passt"), p + "/backend", "interface backend type");
            }
            if (b.passt() && !"user".equals(n.type())) {
                v.add(ViolationKind.INCONSISTENT, p + "/backend",
                        "the 'passt' backend can only be used with interface type='user'");
            }
            v.absolute(b.logFile(), p + "/backend", "logFile");
            if (b.logFile() != null && !b.passt()) {
                v.add(ViolationKind.INCONSISTENT, p + "/backend", "logFile is only for the 'passt' backend");
            }
        }
        List<NetInterface.PortForward> fs = n.portForwards();
        if (!fs.isEmpty() && !n.passt()) {
            v.add(ViolationKind.INCONSISTENT, p + "/portForward",
                    "<portForward> needs <interface type='user'> with <backend type='passt'/>");
        }
        for (int f = 0; f < fs.size(); f++) {
            NetInterface.PortForward pf = fs.get(f);
            String fp = Violations.indexed(p, "portForward", f, fs.size());
            if (v.required(pf.proto(), fp, "attribute 'proto'")) {
                v.oneOf(pf.proto(), Set.of("tcp", "udp"), fp, "portForward proto");
            }
            if (pf.dev() != null && (pf.dev().length() > 15 || pf.dev().indexOf('/') >= 0 || pf.dev().isBlank())) {
                v.add(ViolationKind.NAME, fp, "dev '" + pf.dev() + "' is not a valid interface name (at most 15 characters, no '/')");
            }
            if (pf.address() != null && !pf.address().matches("[0-9a-fA-F:.]+")) {
                v.add(ViolationKind.IP, fp, "address '" + pf.address() + "' is not an IPv4 or IPv6 address");
            }
            List<NetInterface.Range> rs = pf.ranges();
            for (int r = 0; r < rs.size(); r++) {
                NetInterface.Range range = rs.get(r);
                String rp = Violations.indexed(fp, "range", r, rs.size());
                if (v.required(range.start(), rp, "attribute 'start'")) {
                    v.range(range.start(), 1, 65535, rp, "start port");
                }
                v.range(range.end(), 1, 65535, rp, "end port");
                v.range(range.to(), 1, 65535, rp, "to port");
                if (range.start() != null && range.end() != null && range.end() < range.start()) {
                    v.add(ViolationKind.RANGE, rp, "end port " + range.end() + " is below start port " + range.start());
                }
                if (Boolean.TRUE.equals(range.exclude()) && range.to() != null) {
                    v.add(ViolationKind.INCONSISTENT, rp, "an excluded range cannot have a 'to' port");
                }
            }
        }
    }

    private static void bootOrders(Domain d, Violations v) {
        Map<Integer, String> seen = new HashMap<>();
        List<Disk> disks = d.devices().disks();
        List<NetInterface> nics = d.devices().interfaces();
        boolean any = false;
        for (int i = 0; i < disks.size(); i++) {
            any |= boot(disks.get(i).bootOrder(), Violations.indexed(DEV, "disk", i, disks.size()) + "/boot", seen, v);
        }
        for (int i = 0; i < nics.size(); i++) {
            any |= boot(nics.get(i).bootOrder(), Violations.indexed(DEV, "interface", i, nics.size()) + "/boot", seen, v);
        }
        if (any && d.os() != null && !d.os().bootDevices().isEmpty()) {
            v.add(ViolationKind.BOOT_ORDER, "/domain/os/boot", "per-device <boot order> cannot be combined with <os><boot dev>");
        }
    }

    private static boolean boot(Integer order, String path, Map<Integer, String> seen, Violations v) {
        if (order == null) {
            return false;
        }
        if (order < 1) {
            v.add(ViolationKind.BOOT_ORDER, path, "boot order must be at least 1, got " + order);
        } else if (seen.putIfAbsent(order, path) != null) {
            v.add(ViolationKind.BOOT_ORDER, path, "boot order " + order + " is already used by " + seen.get(order));
        }
        return true;
    }

    static String suggest(String value, Set<String> allowed) {
        String s = dev.jvirt.domainxml.xml.Suggest.nearest(value, allowed);
        return s == null ? "" : " (did you mean '" + s + "'?)";
    }
}
