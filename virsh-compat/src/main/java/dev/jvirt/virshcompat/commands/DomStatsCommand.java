package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Domains;
import dev.jvirt.virshcompat.JvirshCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh domstats}: libvirt's statistics of one, several or every domain, printed as virsh prints them. */
@Command(name = "domstats", mixinStandardHelpOptions = true,
        description = {"Get statistics about one or more (or all) domains, with libvirt's keys. "
                + "Without a group option, every group jvirt has: state, cpu-total, balloon, vcpu, interface, block.",
            "A domain that is not running has what its definition says (state, memory and vCPU sizes, disks)."})
public final class DomStatsCommand extends JvirshCommand {

    @Option(names = "--state", description = "Report the domain state.") boolean state;
    @Option(names = "--cpu-total", description = "Report the domain's host CPU usage.") boolean cpuTotal;
    @Option(names = "--balloon", description = "Report the domain's balloon statistics.") boolean balloon;
    @Option(names = "--vcpu", description = "Report the domain's virtual CPU information.") boolean vcpu;
    @Option(names = "--interface", description = "Report the domain's network interface statistics.") boolean iface;
    @Option(names = "--block", description = "Report the domain's block device statistics.") boolean block;
    @Option(names = "--list-active", description = "List only active domains.") boolean listActive;
    @Option(names = "--list-inactive", description = "List only inactive domains.") boolean listInactive;
    @Option(names = "--list-running", description = "List only running domains.") boolean listRunning;
    @Option(names = "--list-paused", description = "List only paused domains.") boolean listPaused;
    @Option(names = "--list-shutoff", description = "List only shut off domains.") boolean listShutoff;

    @Parameters(arity = "0..*", paramLabel = "<domain>", description = "The domains to get statistics for (default: all).")
    List<String> domains;

    @Override
    protected void execute() {
        String groups = groups();
        List<String> names = new ArrayList<>();
        if (domains != null && !domains.isEmpty()) {
            names.addAll(domains);
        } else {
            DomainFilter f = new DomainFilter();
            f.active = listActive || listRunning || listPaused || !(listInactive || listShutoff);
            f.inactive = listInactive || listShutoff || !(listActive || listRunning || listPaused);
            f.running = listRunning;
            f.paused = listPaused;
            f.shutoff = listShutoff;
            for (Domains.Summary d : DomainFilter.sorted(f.apply(client().domains()))) {
                names.add(d.name());
            }
        }
        for (String n : names) {
            Domains.Stats s = client().stats(n, groups);
            out().println("Domain: '" + s.name() + "'");
            for (Map.Entry<String, Object> e : s.stats().entrySet()) {
                out().println("  " + e.getKey() + "=" + e.getValue());
            }
            out().println();
        }
    }

    /** Whether the stats' state.state is an active one (running 1, paused 3, crashed 6; libvirt's numbers). */
    static boolean isActive(Map<String, Object> stats) {
        Object s = stats.get("state.state");
        long v = s instanceof Number n ? n.longValue() : 5;
        return v == 1 || v == 3 || v == 6;
    }

    private String groups() {
        List<String> g = new ArrayList<>();
        add(g, state, "state");
        add(g, cpuTotal, "cpu-total");
        add(g, balloon, "balloon");
        add(g, vcpu, "vcpu");
        add(g, iface, "interface");
        add(g, block, "block");
        return String.join(",", g);
    }

    private static void add(List<String> g, boolean on, String name) {
        if (on) {
            g.add(name);
        }
    }

    /** virsh prints each domain's block followed by a blank line, and no extra one at the end. */
    @Override
    protected boolean blankLine() {
        return false;
    }
}
