package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Host;
import dev.jvirt.virshcompat.JvirshCommand;
import dev.jvirt.virshcompat.client.JvirshException;
import dev.jvirt.virshcompat.format.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh nodememstats}: the host's memory (total, free, buffers, cached), or one NUMA cell's (total, free). */
@Command(name = "nodememstats", mixinStandardHelpOptions = true,
        description = {"Print the memory statistics of the host, in KiB: total, free, buffers and cached "
                + "(/proc/meminfo); with a cell, that NUMA cell's total and free."})
public final class NodeMemStatsCommand extends JvirshCommand {

    @Option(names = "--cell", paramLabel = "<number>", description = "Print the statistics of this NUMA cell only.")
    Integer cell;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<cell>", description = "The cell, as --cell.")
    Integer cellArgument;

    @Override
    protected void execute() {
        Host.Memory m = client().hostMemory();
        Integer c = cell != null ? cell : cellArgument;
        if (c == null) {
            out().print(Formats.memoryStats(new String[] {"total", "free", "buffers", "cached"},
                    m.totalKib(), m.freeKib(), m.buffersKib(), m.cachedKib()));
            return;
        }
        Host.Cell found = FreeCellCommand.cell(m, c);
        if (found == null) {
            throw new JvirshException("invalid argument: NUMA cell " + c + " does not exist; "
                    + FreeCellCommand.cells(m));
        }
        out().print(Formats.memoryStats(new String[] {"total", "free"}, found.totalKib(), found.freeKib()));
    }

    @Override
    protected String failureContext() {
        return "Unable to get number of memory stats"; // virsh's words
    }
}
