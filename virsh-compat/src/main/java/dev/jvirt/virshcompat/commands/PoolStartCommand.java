package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh pool-start POOL}. */
@Command(name = "pool-start", mixinStandardHelpOptions = true, description = {"Start a (previously defined) inactive pool."})
public final class PoolStartCommand extends PoolCommand {

    @Option(names = "--build", description = "Build the pool first.")
    boolean build;

    @Option(names = "--overwrite", description = "With --build: overwrite any existing data.")
    boolean overwrite;

    @Option(names = "--no-overwrite", description = "With --build: build only if nothing is there yet.")
    boolean noOverwrite;

    @Override
    protected void execute() {
        if (build || overwrite || noOverwrite) {
            storage().poolAction(pool, "build", new Storage.Build(PoolBuildCommand.mode(overwrite, noOverwrite)).toJson());
        }
        storage().poolAction(pool, "start", null);
        info("Pool " + pool + " started");
    }

    @Override
    protected String failureContext() {
        return "Failed to start pool " + pool;
    }
}
