package dev.jvirt.virshcompat.format;

import dev.jvirt.api.Domains;
import dev.jvirt.api.Host;
import java.util.List;
import java.util.Locale;

/** virsh's text for jvirtd's answers: each method gives exactly what the virsh command prints. */
public final class Formats {

    private Formats() {
    }

    /** {@code list}'s table: Id ("-" when not running), Name, State. */
    public static String domainTable(List<Domains.Summary> domains) {
        VshTable t = VshTable.withHeader("Id", "Name", "State");
        for (Domains.Summary d : domains) {
            t.row(d.id() == null ? "-" : d.id().toString(), d.name(), d.state());
        }
        return t.render();
    }

    /** {@code list --title}: the table with a Title column (empty for a domain without one). */
    public static String domainTableWithTitle(List<Domains.Summary> domains) {
        VshTable t = VshTable.withHeader("Id", "Name", "State", "Title");
        for (Domains.Summary d : domains) {
            t.row(d.id() == null ? "-" : d.id().toString(), d.name(), d.state(), d.title() == null ? "" : d.title());
        }
        return t.render();
    }

    /** {@code dominfo}: "%-15s %s" lines, CPU time only while the domain has used some. */
    public static String domInfo(Domains.Info d) {
        return domInfo(d, false);
    }

    /** {@link #domInfo(Domains.Info)} with whether the domain has a managed save image. */
    public static String domInfo(Domains.Info d, boolean managedSave) {
        StringBuilder sb = new StringBuilder(512);
        field(sb, 15, "Id:", d.id() == null ? "-" : d.id().toString());
        field(sb, 15, "Name:", d.name());
        field(sb, 15, "UUID:", d.uuid());
        field(sb, 15, "OS Type:", d.osType());
        field(sb, 15, "State:", d.state());
        field(sb, 15, "CPU(s):", Long.toString(d.vcpus()));
        if (d.cpuTimeNs() != 0) {
            field(sb, 15, "CPU time:", String.format(Locale.ROOT, "%.1fs", d.cpuTimeNs() / 1e9));
        }
        field(sb, 15, "Max memory:", d.maxMemoryKib() + " KiB");
        // libvirt reports the configured (balloon) size for a domain that is not running; so do we.
        long used = d.usedMemoryKib() == 0 && d.id() == null ? d.maxMemoryKib() : d.usedMemoryKib();
        field(sb, 15, "Used memory:", used + " KiB");
        field(sb, 15, "Persistent:", d.persistent() ? "yes" : "no");
        field(sb, 15, "Autostart:", d.autostart() ? "enable" : "disable");
        field(sb, 15, "Managed save:", managedSave ? "yes" : "no");
        field(sb, 15, "Security model:", "none");
        field(sb, 15, "Security DOI:", "0");
        return sb.toString();
    }

    /** {@code nodeinfo}: "%-20s %s" lines. */
    public static String nodeInfo(Host.NodeInfo n) {
        StringBuilder sb = new StringBuilder(320);
        field(sb, 20, "CPU model:", n.cpuModel());
        field(sb, 20, "CPU(s):", Long.toString(n.cpus()));
        field(sb, 20, "CPU frequency:", n.mhz() + " MHz");
        field(sb, 20, "CPU socket(s):", Long.toString(n.sockets()));
        field(sb, 20, "Core(s) per socket:", Long.toString(n.cores()));
        field(sb, 20, "Thread(s) per core:", Long.toString(n.threads()));
        field(sb, 20, "NUMA cell(s):", Long.toString(n.nodes()));
        field(sb, 20, "Memory size:", n.memoryKib() + " KiB");
        return sb.toString();
    }

    /** virsh's vshPrettyCapacity: "%.3f" in the largest unit (B, KiB, MiB, GiB, TiB, PiB, EiB) the value reaches. */
    public static String prettyCapacity(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = 0;
        while (u < units.length - 1 && v >= 1024) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.3f %s", v, units[u]);
    }

    /** {@code nodememstats}: virsh's "%-7s: %20llu KiB" lines. */
    public static String memoryStats(String[] fields, long... kib) {
        StringBuilder sb = new StringBuilder(160);
        for (int i = 0; i < fields.length; i++) {
            sb.append(String.format(Locale.ROOT, "%-7s: %20d KiB%n", fields[i], kib[i]));
        }
        return sb.toString();
    }

    /** {@code domstate}, with {@code --reason}: "running (booted)". */
    public static String domState(String state, String reason, boolean withReason) {
        return withReason ? state + " (" + (reason == null || reason.isEmpty() ? "unknown" : reason) + ")" : state;
    }

    /** {@code domblklist}: Target and Source, or with {@code --details} Type, Device, Target, Source. */
    public static String blockDevices(List<Domains.BlockDevice> disks, boolean details) {
        VshTable t = details ? VshTable.withHeader("Type", "Device", "Target", "Source")
                : VshTable.withHeader("Target", "Source");
        for (Domains.BlockDevice d : disks) {
            if (details) {
                t.row(d.type(), d.device(), d.target(), d.source());
            } else {
                t.row(d.target(), d.source());
            }
        }
        return t.render();
    }

    /** {@code domiflist}: Interface, Type, Source, Model, MAC. */
    public static String interfaces(List<Domains.Interface> nics) {
        VshTable t = VshTable.withHeader("Interface", "Type", "Source", "Model", "MAC");
        for (Domains.Interface n : nics) {
            t.row(n.name(), n.type(), n.source(), n.model(), n.mac());
        }
        return t.render();
    }

    private static void field(StringBuilder sb, int width, String label, String value) {
        sb.append(label);
        sb.append(" ".repeat(Math.max(0, width - label.length())));
        sb.append(' ').append(value == null ? "-" : value).append('\n');
    }
}
