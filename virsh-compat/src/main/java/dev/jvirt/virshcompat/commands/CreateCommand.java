package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.JvirshCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh create FILE}: creates and starts a transient domain. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create a domain from an XML file and start it at once. The domain is transient: "
                + "it is gone once it stops (use define and start for one that stays)."})
public final class CreateCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<file>", description = "File containing an XML domain description.")
    String file;

    @Option(names = "--paused", description = "Leave the guest paused after creating it.")
    boolean paused;

    @Option(names = "--console", description = "Attach to the console after creating it (its output since the start first).")
    boolean console;

    @Option(names = "--validate", description = "Validate the XML (jvirtd always does; accepted for virsh compatibility).")
    boolean validate;

    @Override
    protected void execute() throws Exception {
        String xml = XmlFile.read(file);
        String name = client().create(xml, paused);
        info("Domain '" + name + "' created from " + file);
        if (console) {
            ConsoleSession.attach(root, client(), name, "rw", ConsoleSession.DEFAULT_ESCAPE, ConsoleSession.ALL_HISTORY);
        }
    }

    @Override
    protected String failureContext() {
        return "Failed to create domain from " + file;
    }
}
