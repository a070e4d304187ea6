package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.JvirshCommand;
import dev.jvirt.virshcompat.format.Formats;
import picocli.CommandLine.Command;

/** {@code jvirsh nodeinfo}: Show basic information about the host: CPU model, count, frequency and topology, NUMA cells and memory. */
@Command(name = "nodeinfo", mixinStandardHelpOptions = true,
        description = {"Show basic information about the host: CPU model, count, frequency and topology, NUMA cells and memory."})
public final class NodeInfoCommand extends JvirshCommand {

    @Override
    protected void execute() {
        out().print(Formats.nodeInfo(client().nodeInfo()));
    }
}
