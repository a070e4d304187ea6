package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Networks;
import dev.jvirt.virshcompat.JvirshCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh net-define FILE}: defines (or redefines) a persistent network from libvirt's network XML. */
@Command(name = "net-define", mixinStandardHelpOptions = true,
        description = {"Define an inactive persistent virtual network (or modify an existing persistent one) from an "
                + "XML file (libvirt's network format)."})
public final class NetDefineCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<file>", description = "File containing an XML network description.")
    String file;

    @Option(names = "--validate", description = "Validate the XML (jvirtd always does; accepted for virsh compatibility).")
    boolean validate;

    @Override
    protected void execute() throws Exception {
        Networks.Summary n = client().networks().define(XmlFile.read(file));
        info("Network " + n.name() + " defined from " + file);
    }

    @Override
    protected String failureContext() {
        return "Failed to define network from " + file;
    }
}
