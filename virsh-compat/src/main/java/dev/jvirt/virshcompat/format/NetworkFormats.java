package dev.jvirt.virshcompat.format;

import dev.jvirt.api.Networks;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/** virsh 9.0's output for networks: net-list, net-info, net-dhcp-leases, and domifaddr. */
public final class NetworkFormats {
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private NetworkFormats() {
    }

    /** {@code net-list}: Name, State, Autostart, Persistent. */
    public static String list(List<Networks.Summary> nets) {
        VshTable t = VshTable.withHeader("Name", "State", "Autostart", "Persistent");
        for (Networks.Summary n : nets) {
            t.row(n.name(), n.active() ? "active" : "inactive", yesNo(n.autostart()), yesNo(n.persistent()));
        }
        return t.render();
    }

    /** {@code net-info}: labels padded to 15 columns, as virsh's {@code "%-15s %s"}. */
    public static String info(Networks.Summary n) {
        StringBuilder sb = new StringBuilder();
        field(sb, "Name:", n.name());
        field(sb, "UUID:", n.uuid());
        field(sb, "Active:", yesNo(n.active()));
        field(sb, "Persistent:", yesNo(n.persistent()));
        field(sb, "Autostart:", yesNo(n.autostart()));
        if (n.bridge() != null) {
            field(sb, "Bridge:", n.bridge());
        }
        return sb.toString();
    }

    /** {@code net-dhcp-leases}: sorted by MAC, expiry in local time, ADDRESS/PREFIX, "-" for what a lease lacks. */
    public static String leases(List<Networks.Lease> leases, ZoneId zone) {
        VshTable t = VshTable.withHeader("Expiry Time", "MAC address", "Protocol", "IP address", "Hostname",
                "Client ID or DUID");
        leases.stream().sorted(Comparator.comparing(l -> l.mac() == null ? "" : l.mac())).forEach(l -> t.row(
                l.expiryTime() == null ? "-" : EXPIRY.format(Instant.ofEpochSecond(l.expiryTime()).atZone(zone)),
                dash(l.mac()), l.type(), l.ipAddr() + "/" + l.prefix(), dash(l.hostname()), dash(l.clientId())));
        return t.render();
    }

    /**
     * {@code domifaddr}: virsh's own layout ({@code " %-10s %-17s    %-12s %s/%d"}), the name and MAC
     * of an interface's second and later addresses as "-" unless {@code full}.
     */
    public static String interfaceAddresses(List<Networks.InterfaceAddresses> ifaces, boolean full) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(" %-10s %-20s %-8s     %s%n", "Name", "MAC address", "Protocol", "Address"));
        sb.append("-".repeat(79)).append('\n');
        for (Networks.InterfaceAddresses i : ifaces) {
            for (int j = 0; j < i.addrs().size(); j++) {
                Networks.Address a = i.addrs().get(j);
                boolean first = full || j == 0;
                sb.append(String.format(" %-10s %-17s    %-12s %s/%d%n", first ? i.name() : "-",
                        first ? dash(i.mac()) : "-", a.type(), a.addr(), a.prefix()));
            }
        }
        return sb.toString();
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static void field(StringBuilder sb, String label, String value) {
        sb.append(String.format("%-15s %s%n", label, value == null ? "" : value));
    }
}
