package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.JvirshException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh cpu-stats DOMAIN}: the CPU time QEMU used for the domain, as virsh prints it. */
@Command(name = "cpu-stats", mixinStandardHelpOptions = true,
        description = {"Show the CPU time a running domain's QEMU used (in total, user and system, from /proc). "
                + "jvirt does not account CPU time per host CPU (libvirt takes that from cgroup v1's cpuacct): "
                + "per-CPU figures are reported as not available, as virsh does when a driver has none."})
public final class CpuStatsCommand extends DomainCommand {
    @Option(names = "--start", paramLabel = "<number>", description = "First host CPU to show.") Integer start;
    @Option(names = "--count", paramLabel = "<number>", description = "Number of host CPUs to show.") Integer count;
    @Option(names = "--total", description = "Show the total only (with --start or --count: as well).") boolean total;

    private String context;

    @Override
    protected void execute() {
        context = "Failed to retrieve CPU statistics for domain '" + name() + "'";
        Map<String, Object> s = client().stats(name(), "state,cpu-total").stats();
        if (!DomStatsCommand.isActive(s)) {
            throw new JvirshException("Requested operation is not valid: domain is not running");
        }
        context = null;
        boolean perCpu = !total || start != null || count != null;
        boolean showTotal = total || (start == null && count == null);
        if (perCpu) {
            out().println("No per-CPU stats available");
        }
        if (showTotal) {
            out().println("Total:");
            line("cpu_time", s.get("cpu.time"));
            line("user_time", s.get("cpu.user"));
            line("system_time", s.get("cpu.system"));
        }
    }

    private void line(String name, Object nanos) {
        if (nanos instanceof Number n) {
            long ns = n.longValue();
            out().printf("\t%-15s %16s seconds%n", name, (ns / 1_000_000_000L) + "." + String.format("%09d", ns % 1_000_000_000L));
        }
    }

    @Override
    protected String failureContext() {
        return context;
    }

    @Override
    public String completesDomains() {
        return "active";
    }
}
