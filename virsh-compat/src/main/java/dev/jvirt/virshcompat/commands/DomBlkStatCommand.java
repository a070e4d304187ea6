package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.JvirshException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh domblkstat}: a running domain's block I/O counters, of one disk or summed over all. */
@Command(name = "domblkstat", mixinStandardHelpOptions = true,
        description = {"Get the block I/O statistics of a running domain: of one disk (its target, e.g. vda, or its "
                + "source path), or summed over every disk."})
public final class DomBlkStatCommand extends DomainCommand {

    /** libvirt's domstats block keys, the names domblkstat prints, and --human's words. */
    private static final String[][] FIELDS = {
        {"rd.reqs", "rd_req", "number of read operations:"},
        {"rd.bytes", "rd_bytes", "number of bytes read:"},
        {"wr.reqs", "wr_req", "number of write operations:"},
        {"wr.bytes", "wr_bytes", "number of bytes written:"},
        {"fl.reqs", "flush_operations", "number of flush operations:"},
        {"rd.times", "rd_total_times", "total duration of reads (ns):"},
        {"wr.times", "wr_total_times", "total duration of writes (ns):"},
        {"fl.times", "flush_total_times", "total duration of flushes (ns):"},
    };

    @Parameters(index = "1", arity = "0..1", paramLabel = "<device>", description = "The disk: its target (vda) or source path.")
    String device;

    @Option(names = "--device", paramLabel = "<string>", description = "The disk, as the second argument.")
    String deviceOption;

    @Option(names = "--human", description = "Print the fields with their meaning.")
    boolean human;

    private String context;

    @Override
    protected void execute() {
        String dev = deviceOption != null ? deviceOption : device;
        Map<String, Object> s = client().stats(name(), "state,block").stats();
        if (!DomStatsCommand.isActive(s)) {
            context = "Failed to get block stats " + name() + (dev == null ? "" : " " + dev);
            throw new JvirshException("Requested operation is not valid: domain is not running");
        }
        long count = ((Number) s.getOrDefault("block.count", 0L)).longValue();
        long[] sums = new long[FIELDS.length];
        boolean found = dev == null;
        for (int i = 0; i < count; i++) {
            String p = "block." + i + ".";
            if (dev != null && !dev.equals(s.get(p + "name")) && !dev.equals(s.get(p + "path"))) {
                continue;
            }
            found = true;
            for (int f = 0; f < FIELDS.length; f++) {
                Object v = s.get(p + FIELDS[f][0]);
                sums[f] += v == null ? 0 : ((Number) v).longValue();
            }
        }
        if (!found) {
            throw new JvirshException("invalid argument: invalid path: " + dev); // virsh's words, without a context line
        }
        if (count == 0 && dev == null) {
            return;
        }
        String label = dev == null ? "" : dev;
        if (human) {
            out().println("Device: " + label);
        }
        for (int f = 0; f < FIELDS.length; f++) {
            out().println(human ? String.format(java.util.Locale.ROOT, " %-31s %d", FIELDS[f][2], sums[f])
                    : label + " " + FIELDS[f][1] + " " + sums[f]);
        }
    }

    @Override
    protected String failureContext() {
        return context;
    }
}
