package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.JvirshCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh save-image-dumpxml}: the domain XML inside a save image. */
@Command(name = "save-image-dumpxml", mixinStandardHelpOptions = true,
        description = {"Print the domain XML stored in a save image made by 'jvirsh save'."})
public final class SaveImageDumpXmlCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<file>", description = "The save image (a path on jvirtd's host).")
    String file;

    @Option(names = "--security-info", description = "Accepted for virsh's sake (the image has no secrets).")
    boolean securityInfo;

    @Override
    protected void execute() {
        String xml = client().saves().imageXml(SaveTarget.absolute(file));
        out().print(xml);
        if (!xml.endsWith("\n")) {
            out().println();
        }
    }
}
