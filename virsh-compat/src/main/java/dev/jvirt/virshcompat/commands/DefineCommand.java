package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Domains;
import dev.jvirt.virshcompat.JvirshCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh define FILE}: defines (or redefines) a persistent domain from libvirt-format XML. */
@Command(name = "define", mixinStandardHelpOptions = true,
        description = {"Define a domain from an XML file (libvirt's domain format) without starting it. "
                + "Defining a name that exists replaces its definition, keeping its UUID (a running domain "
                + "picks it up at its next start; dumpxml --inactive shows it), and says so.",
            "jvirtd always validates the definition; an error names the line:column and element path."})
public final class DefineCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<file>", description = "File containing an XML domain description.")
    String file;

    @Option(names = "--validate", description = "Validate the XML (jvirtd always does; accepted for virsh compatibility).")
    boolean validate;

    @Option(names = "--no-replace", description = "Fail if a domain of that name exists rather than replacing its "
            + "definition (for scripts that must not overwrite).")
    boolean noReplace;

    @Override
    protected void execute() throws Exception {
        String xml = XmlFile.read(file);
        Domains.Ref d = client().define(xml, noReplace);
        info("Domain '" + d.name() + "' defined from " + file);
        if (d.replaced() && d.active()) {
            info("Its previous definition was replaced; the running domain keeps the old one until its next start "
                    + "(jvirsh dumpxml --inactive " + d.name() + " shows the new one).");
        } else if (d.replaced()) {
            info("Its previous definition was replaced.");
        }
    }

    @Override
    protected String failureContext() {
        return "Failed to define domain from " + file;
    }
}
