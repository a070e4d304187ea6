package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.JvirshCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh restore}: start the domain a save image holds, from where it was saved. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a domain from a file made by 'jvirsh save': it continues where it was saved "
                + "(running or paused as it was, unless --running or --paused)."})
public final class RestoreCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<file>", description = "The save image (a path on jvirtd's host).")
    String file;

    @Option(names = "--xml", paramLabel = "<file>", description = "Restore with this domain XML (same name and UUID) instead of the image's.")
    String xml;

    @Option(names = "--running", description = "The guest runs after the restore, whatever it was at the save.")
    boolean running;

    @Option(names = "--paused", description = "The guest is paused after the restore, whatever it was at the save.")
    boolean paused;

    @Option(names = "--bypass-cache", description = "Accepted for virsh's sake; jvirtd reads through the page cache.")
    boolean bypassCache;

    @Override
    protected void execute() throws Exception {
        Boolean after = SaveTarget.runningAfter(running, paused);
        String definition = xml == null ? null : XmlFile.read(xml);
        client().saves().restore(SaveTarget.absolute(file), definition, after == null ? null : !after);
        info("Domain restored from " + file);
    }

    @Override
    protected String failureContext() {
        return "Failed to restore domain from " + file;
    }
}
