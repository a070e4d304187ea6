package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Storage;
import dev.jvirt.virshcompat.JvirshCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh pool-define FILE}: a persistent pool from libvirt's pool XML, not started. */
@Command(name = "pool-define", mixinStandardHelpOptions = true,
        description = {"Define (but don't build or start) a storage pool from an XML file (libvirt's pool format: "
                + "dir, fs, netfs, logical)."})
public final class PoolDefineCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<file>", description = "File containing an XML pool description.")
    String file;

    @Option(names = "--validate", description = "Validate the XML (jvirtd always does; accepted for virsh compatibility).")
    boolean validate;

    @Override
    protected void execute() throws Exception {
        Storage.Pool p = client().storage().define(XmlFile.read(file));
        info("Pool " + p.name() + " defined from " + file);
    }

    @Override
    protected String failureContext() {
        return "Failed to define pool from " + file;
    }
}
