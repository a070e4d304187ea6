package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh vol-create POOL FILE}: a volume from libvirt's volume XML. */
@Command(name = "vol-create", mixinStandardHelpOptions = true, description = {"Create a volume from an XML file (libvirt's volume format)."})
public final class VolCreateCommand extends PoolCommand {

    @Parameters(index = "1", paramLabel = "<file>", description = "File containing an XML volume description.")
    String file;

    @Option(names = "--prealloc-metadata", description = "Preallocate metadata (qcow2 only).")
    boolean preallocMetadata;

    @Override
    protected void execute() throws Exception {
        Storage.Volume v = storage().createVolume(pool, new Storage.CreateVolume(XmlFile.read(file), null, null, null,
                preallocMetadata ? "metadata" : null, null, null));
        info("Vol " + v.name() + " created from " + file);
    }

    @Override
    protected String failureContext() {
        return "Failed to create vol from " + file;
    }
}
