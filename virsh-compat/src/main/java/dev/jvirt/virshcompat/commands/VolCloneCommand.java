package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh vol-clone VOL NEWNAME}: a full copy in the same pool (or --newpool, jvirt's). */
@Command(name = "vol-clone", mixinStandardHelpOptions = true, description = {"Clone a volume: a full copy under a new name."})
public final class VolCloneCommand extends VolCommand {

    @Parameters(index = "1", paramLabel = "<newname>", description = "Name of the clone.")
    String newName;

    @Option(names = "--newpool", paramLabel = "<string>", description = "Make the clone in this pool rather than the source's.")
    String newPool;

    @Option(names = "--prealloc-metadata", description = "Accepted for virsh compatibility.")
    boolean preallocMetadata;

    @Option(names = "--reflink", description = "Accepted for virsh compatibility (a full copy is made).")
    boolean reflink;

    @Override
    protected void execute() {
        Storage.Job job = storage().cloneVolume(poolName(), volName(), new Storage.Clone(newName, newPool, null, null));
        storage().await(job, new TransferProgress(err(), "vol-clone"));
        info("Vol " + newName + " cloned from " + volName());
    }

    @Override
    protected String failureContext() {
        return "Failed to clone vol from " + vol;
    }
}
