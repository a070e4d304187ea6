package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Storage;
import dev.jvirt.virshcompat.client.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh vol-resize VOL CAPACITY}. */
@Command(name = "vol-resize", mixinStandardHelpOptions = true,
        description = {"Resize a volume: grow it, or with --shrink make it smaller (what lies past the new end is lost)."})
public final class VolResizeCommand extends VolCommand {

    @Parameters(index = "1", paramLabel = "<capacity>", description = "New capacity, with optional suffix (bytes when bare).")
    String capacity;

    @Option(names = "--allocate", description = "Not supported: resized volumes stay sparse.")
    boolean allocate;

    @Option(names = "--delta", description = "Add the capacity to the current size.")
    boolean delta;

    @Option(names = "--shrink", description = "Allow the volume to become smaller.")
    boolean shrink;

    @Override
    protected void execute() {
        if (allocate) {
            throw new UsageException("vol-resize --allocate is not supported");
        }
        if (capacity.startsWith("-")) {
            throw new UsageException("a negative size is not supported: give the new, smaller size with --shrink");
        }
        storage().resize(poolName(), volName(), new Storage.Resize(capacity, delta, shrink));
        info("Size of volume '" + volName() + "' successfully changed to " + capacity);
    }

    @Override
    protected String failureContext() {
        return "Failed to change size of volume '" + vol + "' to " + capacity;
    }
}
