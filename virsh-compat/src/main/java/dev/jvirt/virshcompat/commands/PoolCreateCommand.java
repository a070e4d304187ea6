package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Storage;
import dev.jvirt.virshcompat.JvirshCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh pool-create FILE}: a transient pool, started at once. */
@Command(name = "pool-create", mixinStandardHelpOptions = true,
        description = {"Create and start a transient storage pool from an XML file; it is gone once destroyed."})
public final class PoolCreateCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<file>", description = "File containing an XML pool description.")
    String file;

    @Option(names = "--build", description = "Not supported for transient pools here: build a defined pool with pool-build.")
    boolean build;

    @Override
    protected void execute() throws Exception {
        if (build) {
            throw new dev.jvirt.virshcompat.client.UsageException("pool-create --build is not supported; pool-define, pool-build, pool-start");
        }
        Storage.Pool p = client().storage().create(XmlFile.read(file));
        info("Pool " + p.name() + " created from " + file);
    }

    @Override
    protected String failureContext() {
        return "Failed to create pool from " + file;
    }
}
