package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Networks;
import dev.jvirt.virshcompat.JvirshCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh net-create FILE}: starts a transient network from libvirt's network XML. */
@Command(name = "net-create", mixinStandardHelpOptions = true,
        description = {"Create and start a transient network from an XML file; it is forgotten once destroyed."})
public final class NetCreateCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<file>", description = "File containing an XML network description.")
    String file;

    @Option(names = "--validate", description = "Validate the XML (jvirtd always does; accepted for virsh compatibility).")
    boolean validate;

    @Override
    protected void execute() throws Exception {
        Networks.Summary n = client().networks().create(XmlFile.read(file));
        info("Network " + n.name() + " created from " + file);
    }

    @Override
    protected String failureContext() {
        return "Failed to create network from " + file;
    }
}
