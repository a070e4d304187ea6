package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh save}: the running or paused domain's state into a file, then the domain stops. */
@Command(name = "save", mixinStandardHelpOptions = true,
        description = {"Save a running domain's state (memory, devices) to a file and stop it (shut off, saved); "
                + "'jvirsh restore FILE' continues it where it was."})
public final class SaveCommand extends SaveStateCommand {

    @Parameters(index = "1", paramLabel = "<file>", description = "Where to write the save image (a path on jvirtd's host).")
    String file;

    @Option(names = "--xml", paramLabel = "<file>", description = "Store this domain XML (same name and UUID) in the image instead of the live one.")
    String xml;

    @Override
    protected void execute() throws Exception {
        Boolean after = runningAfter();
        String path = SaveTarget.absolute(file);
        String definition = xml == null ? null : XmlFile.read(xml);
        try (JobProgress progress = JobProgress.start(verbose, client(), name(), "Save", err())) {
            client().saves().save(name(), path, definition, after);
            progress.completed();
        }
        info("\nDomain '" + name() + "' saved to " + file);
    }

    @Override
    protected String failureContext() {
        return "Failed to save domain '" + domain + "' to " + file;
    }
}
