package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.JvirshException;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code jvirsh dommemstat}: the memory statistics of a running domain (its balloon), as virsh prints them. */
@Command(name = "dommemstat", mixinStandardHelpOptions = true,
        description = {"Get the memory statistics of a running domain: the balloon's size (actual), what the "
                + "guest's balloon driver reports (once it has, polled every 5 s), and QEMU's resident memory (rss), in KiB."})
public final class DomMemStatCommand extends DomainCommand {

    /** libvirt's domstats balloon keys and the names dommemstat prints them under, in its order. */
    private static final String[][] FIELDS = {{"current", "actual"}, {"swap_in", "swap_in"}, {"swap_out", "swap_out"},
        {"major_fault", "major_fault"}, {"minor_fault", "minor_fault"}, {"unused", "unused"},
        {"available", "available"}, {"usable", "usable"}, {"last-update", "last_update"},
        {"disk_caches", "disk_caches"}, {"hugetlb_pgalloc", "hugetlb_pgalloc"}, {"hugetlb_pgfail", "hugetlb_pgfail"},
        {"rss", "rss"}};

    private String context;

    @Override
    protected void execute() {
        Map<String, Object> s = client().stats(name(), "state,balloon").stats();
        if (!DomStatsCommand.isActive(s)) {
            context = "Failed to get memory statistics for domain " + name();
            throw new JvirshException("Requested operation is not valid: domain is not running");
        }
        for (String[] f : FIELDS) {
            Object v = s.get("balloon." + f[0]);
            if (v != null) {
                out().println(f[1] + " " + v);
            }
        }
    }

    @Override
    protected String failureContext() {
        return context;
    }
}
