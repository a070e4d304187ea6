package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Storage;
import dev.jvirt.virshcompat.client.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh pool-build POOL}: makes the pool's target (and with --overwrite its filesystem or volume group). */
@Command(name = "pool-build", mixinStandardHelpOptions = true,
        description = {"Build a pool: make its target directory; for fs pools with --overwrite or --no-overwrite also "
                + "a filesystem, for logical pools the volume group."})
public final class PoolBuildCommand extends PoolCommand {

    @Option(names = "--overwrite", description = "Overwrite any existing data (fs: mkfs; logical: pvcreate).")
    boolean overwrite;

    @Option(names = "--no-overwrite", description = "Build only if the device holds no filesystem or signature yet.")
    boolean noOverwrite;

    @Override
    protected void execute() {
        storage().poolAction(pool, "build", new Storage.Build(mode(overwrite, noOverwrite)).toJson());
        info("Pool " + pool + " built");
    }

    static String mode(boolean overwrite, boolean noOverwrite) {
        if (overwrite && noOverwrite) {
            throw new UsageException("Options --overwrite and --no-overwrite are mutually exclusive");
        }
        return overwrite ? "overwrite" : noOverwrite ? "no-overwrite" : "normal";
    }

    @Override
    protected String failureContext() {
        return "Failed to build pool " + pool;
    }
}
