package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.JvirshCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh define FILE}: defines (or redefines) a persistent domain from libvirt-format XML. */
@Command(name = "define", mixinStandardHelpOptions = true,
        description = {"Define a domain from an XML file (libvirt's domain format) without starting it. "
                + "Defining a name that exists replaces its definition (a running domain picks it up at its next start).",
            "jvirtd always validates the definition; an error names the line:column and element path."})
public final class DefineCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<file>", description = "File containing an XML domain description.")
    String file;

    @Option(names = "--validate", description = "Validate the XML (jvirtd always does; accepted for virsh compatibility).")
    boolean validate;

    @Override
    protected void execute() throws Exception {
        String xml = XmlFile.read(file);
        String name = client().define(xml);
        info("Domain '" + name + "' defined from " + file);
    }

    @Override
    protected String failureContext() {
        return "Failed to define domain from " + file;
    }
}
