package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Storage;
import dev.jvirt.virshcompat.JvirshCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh vol-create-from POOL FILE VOL}: a volume from XML with another volume's content. */
@Command(name = "vol-create-from", mixinStandardHelpOptions = true,
        description = {"Create a volume from an XML file, its content a full copy of an existing volume (in any running pool)."})
public final class VolCreateFromCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<pool>", description = "The pool to create the volume in.")
    String pool;

    @Parameters(index = "1", paramLabel = "<file>", description = "File containing an XML volume description.")
    String file;

    @Parameters(index = "2", paramLabel = "<vol>", description = "The input volume: its name (in --inputpool, else this pool), or path.")
    String vol;

    @Option(names = "--inputpool", paramLabel = "<string>", description = "The pool of the input volume.")
    String inputPool;

    @Option(names = "--prealloc-metadata", description = "Accepted for virsh compatibility.")
    boolean preallocMetadata;

    @Option(names = "--reflink", description = "Accepted for virsh compatibility (a full copy is made).")
    boolean reflink;

    @Override
    protected void execute() throws Exception {
        String srcPool = inputPool != null ? inputPool : pool;
        String srcName = vol;
        if (vol.startsWith("/")) {
            Storage.Volume v = client().storage().byKey(vol);
            srcPool = v.pool();
            srcName = v.name();
        }
        Storage.Job job = client().storage().cloneVolume(srcPool, srcName, new Storage.Clone(null, pool, null, XmlFile.read(file)));
        client().storage().await(job, new TransferProgress(err(), "vol-create-from"));
        info("Vol " + job.volume() + " created from input vol " + srcName);
    }

    @Override
    protected String failureContext() {
        return "Failed to create vol from " + file;
    }
}
