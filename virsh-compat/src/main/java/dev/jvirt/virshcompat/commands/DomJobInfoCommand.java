package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Saves;
import dev.jvirt.virshcompat.DomainCommand;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh domjobinfo}: the domain's running (or last) long job: save, restore, snapshot. */
@Command(name = "domjobinfo", mixinStandardHelpOptions = true,
        description = {"Show the domain's active job (a save, restore or snapshot): its type, operation, time and data; "
                + "'Job type: None' when none runs."})
public final class DomJobInfoCommand extends DomainCommand {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    @Option(names = "--completed", description = "Show the last finished job instead.")
    boolean completed;

    @Option(names = "--keep-completed", description = "Accepted for virsh's sake (jvirtd keeps the last finished job).")
    boolean keepCompleted;

    @Override
    protected void execute() {
        Saves.Job j = client().saves().job(name(), completed);
        line("Job type:", j.type());
        if ("None".equals(j.type())) {
            return;
        }
        line("Operation:", j.operation());
        out().printf(Locale.ROOT, "%-17s %-12d ms%n", "Time elapsed:", j.elapsedMs());
        if (j.dataTotal() != 0 || j.dataProcessed() != 0 || j.dataRemaining() != 0) {
            size("Data processed:", j.dataProcessed());
            size("Data remaining:", j.dataRemaining());
            size("Data total:", j.dataTotal());
            size("Memory processed:", j.dataProcessed());
            size("Memory remaining:", j.dataRemaining());
            size("Memory total:", j.dataTotal());
            if (j.memoryBps() != 0) {
                out().printf(Locale.ROOT, "%-17s %s/s%n", "Memory bandwidth:", pretty(j.memoryBps()));
            }
        }
        if (j.error() != null) {
            line("Error message:", j.error());
        }
    }

    private void line(String label, String value) {
        out().printf(Locale.ROOT, "%-17s %-12s%n", label, value);
    }

    private void size(String label, long bytes) {
        out().printf(Locale.ROOT, "%-17s %s%n", label, pretty(bytes));
    }

    /** vshPrettyCapacity with domjobinfo's three decimals. */
    static String pretty(long bytes) {
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%-.3f %s", v, UNITS[u]);
    }
}
