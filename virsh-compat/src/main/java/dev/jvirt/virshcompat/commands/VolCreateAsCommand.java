package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh vol-create-as POOL NAME CAPACITY}: an empty volume, or a linked clone with --backing-vol. */
@Command(name = "vol-create-as", mixinStandardHelpOptions = true,
        description = {"Create a volume from a set of arguments: raw or qcow2, sparse unless preallocated; with "
                + "--backing-vol a qcow2 linked clone over another volume."})
public final class VolCreateAsCommand extends PoolCommand {

    @Parameters(index = "1", paramLabel = "<name>", description = "Name of the volume.")
    String name;

    @Parameters(index = "2", paramLabel = "<capacity>", description = "Size of the volume, with optional suffix (k, M, G, T, KiB, GB...; bytes when bare).")
    String capacity;

    @Option(names = "--allocation", paramLabel = "<string>", description = "Initial allocation; equal to the capacity means fully preallocated (falloc).")
    String allocation;

    @Option(names = "--format", paramLabel = "<string>", description = "File format type: raw or qcow2.")
    String format;

    @Option(names = "--backing-vol", paramLabel = "<string>", description = "The backing volume of a linked clone: a name in this pool, or a path.")
    String backingVol;

    @Option(names = "--backing-vol-format", paramLabel = "<string>", description = "Format of the backing volume (raw or qcow2).")
    String backingVolFormat;

    @Option(names = "--prealloc-metadata", description = "Preallocate metadata (qcow2 only).")
    boolean preallocMetadata;

    @Override
    protected void execute() {
        String prealloc = preallocMetadata ? "metadata"
                : allocation != null && allocation.strip().equals(capacity.strip()) ? "falloc" : null;
        storage().createVolume(pool, new Storage.CreateVolume(null, name, capacity, format, prealloc, backingVol, backingVolFormat));
        info("Vol " + name + " created");
    }

    @Override
    protected String failureContext() {
        return "Failed to create vol " + name;
    }
}
