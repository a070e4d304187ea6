package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.JvirshException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jvirsh domifstat}: a running domain's traffic counters on one of its TAP interfaces, as virsh prints them. */
@Command(name = "domifstat", mixinStandardHelpOptions = true,
        description = {"Get the network statistics of a running domain's interface (its host device, e.g. vnet0, "
                + "as domiflist shows it), as the guest sees them. User-mode interfaces have no host device."})
public final class DomIfStatCommand extends DomainCommand {

    /** libvirt's domstats net keys and the names domifstat prints. */
    private static final String[][] FIELDS = {{"rx.bytes", "rx_bytes"}, {"rx.pkts", "rx_packets"}, {"rx.errs", "rx_errs"},
        {"rx.drop", "rx_drop"}, {"tx.bytes", "tx_bytes"}, {"tx.pkts", "tx_packets"}, {"tx.errs", "tx_errs"},
        {"tx.drop", "tx_drop"}};

    @Parameters(index = "1", paramLabel = "<interface>", description = "The interface's host device (vnet0).")
    String iface;

    private String context;

    @Override
    protected void execute() {
        Map<String, Object> s = client().stats(name(), "state,interface").stats();
        context = "Failed to get interface stats " + name() + " " + iface;
        if (!DomStatsCommand.isActive(s)) {
            throw new JvirshException("Requested operation is not valid: domain is not running");
        }
        long count = ((Number) s.getOrDefault("net.count", 0L)).longValue();
        for (int i = 0; i < count; i++) {
            String p = "net." + i + ".";
            if (iface.equals(s.get(p + "name"))) {
                for (String[] f : FIELDS) {
                    out().println(iface + " " + f[1] + " " + s.get(p + f[0]));
                }
                return;
            }
        }
        throw new JvirshException("invalid argument: '" + iface + "' is not a known interface"); // libvirt's words
    }

    @Override
    protected String failureContext() {
        return context;
    }
}
