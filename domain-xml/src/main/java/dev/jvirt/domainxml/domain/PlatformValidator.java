package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.ViolationKind;
import dev.jvirt.domainxml.Violations;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what the guest's platform shows it: {@code <sysinfo>} and {@code <os><smbios>},
 * {@code <os><firmware>} features, {@code <features>}' Hyper-V enlightenments and ARM-only
 * parts, and {@code <seclabel>}.
 */
final class PlatformValidator {
    private static final Map<String, Set<String>> SMBIOS_ENTRIES = Map.of(
            "bios", Set.of("vendor", "version", "date", "release"),
            "system", Set.of("manufacturer", "product", "version", "serial", "uuid", "sku", "family"),
            "baseBoard", Set.of("manufacturer", "product", "version", "serial", "asset", "location"),
            "chassis", Set.of("manufacturer", "version", "serial", "asset", "sku"));
    private static final Set<String> ON_OFF_ONLY = Set.of("relaxed", "vapic", "vpindex", "runtime", "synic", "stimer",
            "reset", "frequencies", "reenlightenment", "tlbflush", "ipi", "evmcs", "avic", "emsr_bitmap", "xmm_input");

    private PlatformValidator() {}

    static void validate(Domain d, Violations v) {
        sysinfo(d, v);
        firmware(d.os(), v);
        features(d, v);
        for (int i = 0; i < d.seclabels().size(); i++) {
            Seclabel s = d.seclabels().get(i);
            String p = Violations.indexed("/domain", "seclabel", i, d.seclabels().size());
            v.oneOf(s.type(), Set.of("dynamic", "static", "none"), p, "seclabel type");
            v.oneOf(s.model(), Set.of("dac", "selinux", "apparmor", "none"), p, "seclabel model");
            if ("static".equals(s.type()) && s.label() == null) {
                v.add(ViolationKind.MISSING, p, "a static seclabel needs a <label>");
            }
        }
    }

    private static void sysinfo(Domain d, Violations v) {
        boolean smbios = false;
        for (int i = 0; i < d.sysinfo().size(); i++) {
            Sysinfo s = d.sysinfo().get(i);
            String p = Violations.indexed("/domain", "sysinfo", i, d.sysinfo().size());
            if (!v.required(s.type(), p, "attribute 'type' (smbios or fwcfg)")) {
                continue;
            }
            v.oneOf(s.type(), Set.of("smbios", "fwcfg"), p, "sysinfo type");
            smbios |= "smbios".equals(s.type());
            entries(s.bios(), "bios", p + "/bios", v);
            entries(s.system(), "system", p + "/system", v);
            for (int b = 0; b < s.baseBoards().size(); b++) {
                entries(s.baseBoards().get(b), "baseBoard", Violations.indexed(p, "baseBoard", b, s.baseBoards().size()), v);
            }
            entries(s.chassis(), "chassis", p + "/chassis", v);
            for (Sysinfo.Entry e : s.system()) {
                if ("uuid".equals(e.name()) && e.value() != null && d.uuid() != null
                        && !e.value().replace("-", "").equalsIgnoreCase(d.uuid().replace("-", ""))) {
                    v.add(ViolationKind.INCONSISTENT, p + "/system", "SMBIOS system uuid " + e.value()
                            + " differs from the domain's uuid " + d.uuid() + " (libvirt refuses that too)");
                }
            }
            for (int e = 0; e < s.entries().size(); e++) {
                Sysinfo.Entry x = s.entries().get(e);
                String ep = Violations.indexed(p, "entry", e, s.entries().size());
                if (v.required(x.name(), ep, "attribute 'name'") && !x.name().startsWith("opt/")) {
                    v.add(ViolationKind.UNKNOWN_VALUE, ep, "fwcfg entry name '" + x.name() + "' must start with opt/");
                }
                if ((x.value() == null) == (x.file() == null)) {
                    v.add(ViolationKind.INCONSISTENT, ep, "a fwcfg entry needs either a value or a file, not both or neither");
                }
            }
        }
        String mode = d.os() == null ? null : d.os().smbiosMode();
        v.oneOf(mode, Set.of("emulate", "host", "sysinfo"), "/domain/os/smbios", "SMBIOS mode");
        if ("sysinfo".equals(mode) && !smbios) {
            v.add(ViolationKind.MISSING, "/domain/os/smbios", "smbios mode='sysinfo' needs a <sysinfo type='smbios'>");
        }
    }

    private static void entries(List<Sysinfo.Entry> entries, String section, String path, Violations v) {
        Set<String> names = SMBIOS_ENTRIES.get(section);
        for (int i = 0; i < entries.size(); i++) {
            String p = Violations.indexed(path, "entry", i, entries.size());
            if (v.required(entries.get(i).name(), p, "attribute 'name'")) {
                v.oneOf(entries.get(i).name(), names, p, section + " entry");
            }
        }
    }

    private static void firmware(Os os, Violations v) {
        if (os == null || os.firmwareFeatures().isEmpty()) {
            return;
        }
        if (!"efi".equals(os.firmware())) {
            v.add(ViolationKind.INCONSISTENT, "/domain/os/firmware",
                    "firmware features choose among the firmware found automatically: they need <os firmware='efi'>");
        }
        for (int i = 0; i < os.firmwareFeatures().size(); i++) {
            Os.FirmwareFeature f = os.firmwareFeatures().get(i);
            String p = Violations.indexed("/domain/os/firmware", "feature", i, os.firmwareFeatures().size());
            if (v.required(f.name(), p, "attribute 'name'")) {
                v.oneOf(f.name(), Set.of("secure-boot", "enrolled-keys"), p, "firmware feature");
            }
            v.required(f.enabled(), p, "attribute 'enabled' (yes or no)");
        }
    }

    private static void features(Domain d, Violations v) {
        Features f = d.features();
        if (f == null) {
            return;
        }
        if (f.gic()) {
            v.add(ViolationKind.INCONSISTENT, "/domain/features/gic",
                    "<gic> is the ARM interrupt controller; x86 guests (the only ones jvirt runs) have none");
        }
        Hyperv h = f.hyperv();
        if (h == null) {
            return;
        }
        String base = "/domain/features/hyperv";
        v.oneOf(h.mode(), Set.of("custom", "passthrough"), base, "hyperv mode");
        for (Hyperv.Enlightenment e : h.enlightenments()) {
            String p = base + "/" + e.name();
            boolean custom = h.mode() == null || "custom".equals(h.mode());
            if (custom && e.state() == null) {
                v.add(ViolationKind.MISSING, p, "missing attribute 'state' (on or off)");
            }
            if ("spinlocks".equals(e.name()) && Boolean.TRUE.equals(e.state())) {
                if (e.retries() == null) {
                    v.add(ViolationKind.MISSING, p, "spinlocks state='on' needs retries (at least 4095)");
                } else if (e.retries() < 4095) {
                    v.add(ViolationKind.RANGE, p, "spinlocks retries " + e.retries() + " must be at least 4095");
                }
            }
            if ("vendor_id".equals(e.name()) && Boolean.TRUE.equals(e.state())) {
                if (e.value() == null || e.value().isEmpty()) {
                    v.add(ViolationKind.MISSING, p, "vendor_id state='on' needs a value (1 to 12 characters)");
                } else if (e.value().length() > 12) {
                    v.add(ViolationKind.RANGE, p, "vendor_id value '" + e.value() + "' is longer than 12 characters");
                }
            }
            if (ON_OFF_ONLY.contains(e.name()) && (e.retries() != null || e.value() != null)) {
                v.add(ViolationKind.INCONSISTENT, p, "<" + e.name() + "> takes only a state");
            }
        }
    }
}
