package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh dumpxml}: the XML definition of a domain. */
@Command(name = "dumpxml", mixinStandardHelpOptions = true,
        description = {"Print the domain's definition as libvirt-format XML: the live definition while it runs, the persistent one with --inactive."})
public final class DumpXmlCommand extends DomainCommand {

    @Option(names = "--inactive", description = "Show the persistent definition, not the running one.")
    boolean inactive;

    @Override
    protected void execute() {
        String xml = client().xml(name(), inactive);
        out().print(xml);
        if (!xml.endsWith("\n")) {
            out().println();
        }
    }
}
