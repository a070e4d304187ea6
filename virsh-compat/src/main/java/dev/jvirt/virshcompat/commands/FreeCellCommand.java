package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Host;
import dev.jvirt.virshcompat.JvirshCommand;
import dev.jvirt.virshcompat.client.JvirshException;
import dev.jvirt.virshcompat.client.UsageException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh freecell}: free memory of the host's NUMA cells, as virsh prints it. */
@Command(name = "freecell", mixinStandardHelpOptions = true,
        description = {"Display the free memory of the host: in total, of one NUMA cell (--cellno), "
                + "or of every cell with the total (--all)."})
public final class FreeCellCommand extends JvirshCommand {

    @Option(names = "--cellno", paramLabel = "<number>", description = "NUMA cell number.")
    Integer cellno;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<cellno>", description = "The cell, as --cellno.")
    Integer cellArgument;

    @Option(names = "--all", description = "Show the free memory of every NUMA cell.")
    boolean all;

    @Override
    protected void execute() {
        Integer c = cellno != null ? cellno : cellArgument;
        if (all && c != null) {
            throw new UsageException("Options --all and --cellno are mutually exclusive");
        }
        Host.Memory m = client().hostMemory();
        if (all) {
            long total = 0;
            for (Host.Cell cell : m.cells()) {
                out().println(String.format(Locale.ROOT, "%5d: %10d KiB", cell.cell(), cell.freeKib()));
                total += cell.freeKib();
            }
            out().println("--------------------");
            out().println(String.format(Locale.ROOT, "%5s: %10d KiB", "Total", m.cells().isEmpty() ? m.freeKib() : total));
            return;
        }
        if (c != null) {
            Host.Cell found = cell(m, c);
            if (found == null) {
                throw new JvirshException("invalid argument: start cell " + c + " out of range; " + cells(m));
            }
            out().println(found.cell() + ": " + found.freeKib() + " KiB");
            return;
        }
        long free = m.cells().isEmpty() ? m.freeKib() : m.cells().stream().mapToLong(Host.Cell::freeKib).sum();
        out().println("Total: " + free + " KiB");
    }

    static Host.Cell cell(Host.Memory m, long number) {
        for (Host.Cell c : m.cells()) {
            if (c.cell() == number) {
                return c;
            }
        }
        return null;
    }

    static String cells(Host.Memory m) {
        if (m.cells().isEmpty()) {
            return "this host's kernel shows no NUMA cells";
        }
        return "this host's NUMA cells are " + m.cells().get(0).cell() + "-" + m.cells().get(m.cells().size() - 1).cell();
    }
}
