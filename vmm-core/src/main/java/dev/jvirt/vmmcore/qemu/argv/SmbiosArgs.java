package dev.jvirt.vmmcore.qemu.argv;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.Sysinfo;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -smbios} from {@code <sysinfo type='smbios'>} when {@code <os><smbios mode='sysinfo'>}
 * asks for it, as libvirt writes it: one option per table, each table's fields in libvirt's
 * fixed order whatever the XML's (type 0 BIOS, 1 system, 2 per base board, 3 chassis, 11 OEM
 * strings); values escaped. {@code mode='emulate'} (the default) adds nothing; {@code mode='host'}
 * would copy the host's tables, which a pure command line cannot read, and is refused.
 */
final class SmbiosArgs {

    private static final List<String> BIOS = List.of("vendor", "version", "date", "release");
    private static final List<String> SYSTEM = List.of("manufacturer", "product", "version", "serial", "uuid", "sku", "family");
    private static final List<String> BASEBOARD = List.of("manufacturer", "product", "version", "serial", "asset", "location");
    private static final List<String> CHASSIS = List.of("manufacturer", "version", "serial", "asset", "sku");

    private SmbiosArgs() {}

    static List<String> of(Domain def) {
        String mode = def.os() == null || def.os().smbiosMode() == null ? "emulate" : def.os().smbiosMode();
        List<String> out = new ArrayList<>();
        switch (mode) {
            case "emulate" -> {
                return out;
            }
            case "sysinfo" -> { }
            case "host" -> throw new CommandLineException("<smbios mode='host'>",
                    "is not supported (it copies the host's tables); use mode='sysinfo' with a <sysinfo type='smbios'>, or leave it out");
            default -> throw new CommandLineException("<smbios mode='" + mode + "'>", "is not one of emulate, host, sysinfo");
        }
        Sysinfo s = def.sysinfo().stream().filter(i -> "smbios".equals(i.type())).findFirst()
                .orElseThrow(() -> new CommandLineException("<smbios mode='sysinfo'>", "needs a <sysinfo type='smbios'> element"));
        table(out, "0", s.bios(), BIOS, "<sysinfo><bios>");
        table(out, "1", s.system(), SYSTEM, "<sysinfo><system>");
        for (List<Sysinfo.Entry> board : s.baseBoards()) {
            table(out, "2", board, BASEBOARD, "<sysinfo><baseBoard>");
        }
        table(out, "3", s.chassis(), CHASSIS, "<sysinfo><chassis>");
        if (!s.oemStrings().isEmpty()) {
            QemuOpts o = QemuOpts.ofPair("type", "11");
            s.oemStrings().forEach(v -> o.add("value", v));
            out.add("-smbios");
            out.add(o.build());
        }
        return out;
    }

    private static void table(List<String> out, String type, List<Sysinfo.Entry> entries, List<String> order, String where) {
        for (Sysinfo.Entry e : entries) {
            if (!order.contains(e.name())) {
                throw new CommandLineException(where + "<entry name='" + e.name() + "'>", "is not one of " + String.join(", ", order));
            }
        }
        QemuOpts o = QemuOpts.ofPair("type", type);
        boolean any = false;
        for (String field : order) {
            for (Sysinfo.Entry e : entries) {
                if (field.equals(e.name()) && e.value() != null) {
                    o.add(field, e.value());
                    any = true;
                }
            }
        }
        if (any) {
            out.add("-smbios");
            out.add(o.build());
        }
    }
}
