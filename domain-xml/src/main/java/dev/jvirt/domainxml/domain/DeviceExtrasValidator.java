package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.ViolationKind;
import dev.jvirt.domainxml.Violations;
import java.util.Set;

/** Checks TPMs, redirected USB devices, SPICE TLS settings and NIC/disk parts added for real-world definitions. */
final class DeviceExtrasValidator {
    private static final String DEV = "/domain/devices";
    private static final Set<String> SPICE_CHANNELS = Set.of("main", "display", "inputs", "cursor", "playback",
            "record", "smartcard", "usbredir");
    private static final Set<String> SPICE_MODES = Set.of("any", "secure", "insecure");

    private DeviceExtrasValidator() {}

    static void validate(Domain d, Violations v) {
        Devices ds = d.devices();
        if (ds.tpms().size() > 1) {
            v.add(ViolationKind.DUPLICATE, DEV + "/tpm[2]", "an x86 guest has at most one TPM");
        }
        for (int i = 0; i < ds.tpms().size(); i++) {
            Tpm t = ds.tpms().get(i);
            String p = Violations.indexed(DEV, "tpm", i, ds.tpms().size());
            v.oneOf(t.model(), Set.of("tpm-tis", "tpm-crb"), p, "TPM model");
            if (!v.required(t.backendType(), p + "/backend", "TPM <backend type='emulator|passthrough'>")) {
                continue;
            }
            v.oneOf(t.backendType(), Set.of("emulator", "passthrough"), p + "/backend", "TPM backend type");
            v.oneOf(t.backendVersion(), Set.of("1.2", "2.0"), p + "/backend", "TPM version");
            if ("tpm-crb".equals(t.model()) && "1.2".equals(t.backendVersion())) {
                v.add(ViolationKind.INCONSISTENT, p + "/backend", "a tpm-crb is a TPM 2.0 interface: version 1.2 cannot use it");
            }
            if ("passthrough".equals(t.backendType())) {
                if (t.backendVersion() != null || t.persistentState() != null) {
                    v.add(ViolationKind.INCONSISTENT, p + "/backend", "version and persistent_state are for the emulator backend");
                }
                v.absolute(t.devicePath(), p + "/backend/device", "TPM device path");
            } else if (t.devicePath() != null) {
                v.add(ViolationKind.INCONSISTENT, p + "/backend/device", "a <device path> is for the passthrough backend");
            }
        }
        for (int i = 0; i < ds.redirdevs().size(); i++) {
            Redirdev r = ds.redirdevs().get(i);
            String p = Violations.indexed(DEV, "redirdev", i, ds.redirdevs().size());
            if (v.required(r.bus(), p, "attribute 'bus' (usb)")) {
                v.oneOf(r.bus(), Set.of("usb"), p, "redirdev bus");
            }
            if (v.required(r.type(), p, "attribute 'type' (spicevmc or tcp)")) {
                v.oneOf(r.type(), Set.of("spicevmc", "tcp"), p, "redirdev type");
            }
            if ("tcp".equals(r.type()) && (r.sourceHost() == null || r.sourceService() == null)) {
                v.add(ViolationKind.MISSING, p, "a tcp redirdev needs <source mode='connect' host service>");
            }
        }
        for (int i = 0; i < ds.graphics().size(); i++) {
            Graphics g = ds.graphics().get(i);
            String p = Violations.indexed(DEV, "graphics", i, ds.graphics().size());
            boolean spice = "spice".equals(g.type());
            if (!spice && (g.tlsPort() != null || g.defaultMode() != null || !g.channels().isEmpty())) {
                v.add(ViolationKind.INCONSISTENT, p, "tlsPort, defaultMode and <channel> are SPICE settings, not " + g.type());
            }
            if (g.tlsPort() != null && g.tlsPort() != -1 && (g.tlsPort() < 1 || g.tlsPort() > 65535)) {
                v.add(ViolationKind.RANGE, p, "tlsPort " + g.tlsPort() + " must be -1 (automatic) or in [1, 65535]");
            }
            if (g.tlsPort() != null && g.port() != null && g.tlsPort().equals(g.port()) && g.port() > 0) {
                v.add(ViolationKind.INCONSISTENT, p, "port and tlsPort are both " + g.port());
            }
            v.oneOf(g.defaultMode(), SPICE_MODES, p, "SPICE defaultMode");
            for (int c = 0; c < g.channels().size(); c++) {
                String cp = Violations.indexed(p, "channel", c, g.channels().size());
                if (v.required(g.channels().get(c).name(), cp, "attribute 'name'")) {
                    v.oneOf(g.channels().get(c).name(), SPICE_CHANNELS, cp, "SPICE channel");
                }
                if (v.required(g.channels().get(c).mode(), cp, "attribute 'mode'")) {
                    v.oneOf(g.channels().get(c).mode(), SPICE_MODES, cp, "SPICE channel mode");
                }
            }
        }
        for (int i = 0; i < ds.interfaces().size(); i++) {
            NetInterface n = ds.interfaces().get(i);
            if (n.targetManaged() != null && !"ethernet".equals(n.type())) {
                v.add(ViolationKind.INCONSISTENT, Violations.indexed(DEV, "interface", i, ds.interfaces().size()) + "/target",
                        "<target managed> is for type='ethernet' NICs (a TAP made outside), not type='" + n.type() + "'");
            }
            if (Boolean.FALSE.equals(n.targetManaged()) && n.targetDev() == null) {
                v.add(ViolationKind.MISSING, Violations.indexed(DEV, "interface", i, ds.interfaces().size()) + "/target",
                        "managed='no' needs the dev of the existing TAP");
            }
        }
        int iothreads = d.iothreads() == null ? 0 : d.iothreads();
        for (int i = 0; i < ds.disks().size(); i++) {
            Disk.Driver dr = ds.disks().get(i).driver();
            if (dr != null && dr.iothread() != null && (dr.iothread() < 1 || dr.iothread() > iothreads)) {
                v.add(ViolationKind.INCONSISTENT, Violations.indexed(DEV, "disk", i, ds.disks().size()) + "/driver",
                        "disk names iothread " + dr.iothread() + ", but the domain has " + (iothreads == 0 ? "no <iothreads>"
                                : "iothreads 1 to " + iothreads));
            }
            diskIo(ds.disks().get(i).io(), Violations.indexed(DEV, "disk", i, ds.disks().size()), v);
            if (dr != null) {
                v.oneOf(dr.errorPolicy(), Set.of("stop", "report", "ignore", "enospace"), Violations.indexed(DEV, "disk", i,
                        ds.disks().size()) + "/driver", "error_policy");
            }
        }
    }

    private static void diskIo(Disk.Io io, String disk, Violations v) {
        if (io == null) {
            return;
        }
        if (io.wwn() != null && !io.wwn().matches("(0x)?[0-9a-fA-F]{16}")) {
            v.add(ViolationKind.UNKNOWN_VALUE, disk + "/wwn", "WWN '" + io.wwn() + "' must be 16 hex digits");
        }
        for (Integer size : new Integer[] {io.logicalBlockSize(), io.physicalBlockSize()}) {
            if (size != null && (size < 512 || size > 32768 || Integer.bitCount(size) != 1)) {
                v.add(ViolationKind.RANGE, disk + "/blockio", "block size " + size + " must be a power of two from 512 to 32768");
            }
        }
        Disk.Iotune t = io.iotune();
        if (t == null) {
            return;
        }
        String p = disk + "/iotune";
        for (Long x : t.values()) {
            if (x != null && x < 0) {
                v.add(ViolationKind.RANGE, p, "I/O limits must not be negative, got " + x);
                break;
            }
        }
        if (t.totalBytesSec() != null && (t.readBytesSec() != null || t.writeBytesSec() != null)) {
            v.add(ViolationKind.INCONSISTENT, p, "total_bytes_sec cannot be set with read_bytes_sec or write_bytes_sec");
        }
        if (t.totalIopsSec() != null && (t.readIopsSec() != null || t.writeIopsSec() != null)) {
            v.add(ViolationKind.INCONSISTENT, p, "total_iops_sec cannot be set with read_iops_sec or write_iops_sec");
        }
    }
}
