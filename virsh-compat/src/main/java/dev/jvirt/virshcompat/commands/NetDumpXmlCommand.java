package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.NetworkCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh net-dumpxml}: a network's XML. */
@Command(name = "net-dumpxml", mixinStandardHelpOptions = true,
        description = {"Output the network as XML: the running one (with its bridge) unless --inactive."})
public final class NetDumpXmlCommand extends NetworkCommand {

    @Option(names = "--inactive", description = "Show the persistent definition rather than the running one.")
    boolean inactive;

    @Override
    protected void execute() {
        String xml = networks().xml(network, inactive);
        out().print(xml.endsWith("\n") ? xml : xml + "\n");
    }
}
