package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.JvirshCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A command that hands an XML file to jvirtd (net-define, net-create, pool-define): the file as
 * its one argument, virsh's {@code --validate}, and virsh's "... from FILE" lines.
 */
public abstract class XmlFileCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<file>", description = "File containing the XML description.")
    String file;

    @Option(names = "--validate", description = "Validate the XML (jvirtd always does; accepted for virsh compatibility).")
    boolean validate;

    /** Sends the file's XML; answers what was made, such as {@code Network web defined}. */
    protected abstract String submit(String xml) throws Exception;

    /** What failed, such as {@code Failed to define network}. */
    protected abstract String failure();

    @Override
    protected void execute() throws Exception {
        info(submit(XmlFile.read(file)) + " from " + file);
    }

    @Override
    protected String failureContext() {
        return failure() + " from " + file;
    }
}
