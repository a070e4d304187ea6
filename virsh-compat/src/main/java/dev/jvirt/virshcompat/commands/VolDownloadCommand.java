package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.client.UsageException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh vol-download VOL FILE}: the volume's bytes as stored, holes kept as holes. */
@Command(name = "vol-download", mixinStandardHelpOptions = true,
        description = {"Download a volume's content (the bytes as stored) into a file. Progress goes to stderr for "
                + "downloads of 64 MiB or more."})
public final class VolDownloadCommand extends VolCommand {

    @Parameters(index = "1", paramLabel = "<file>", description = "The file to write.")
    String file;

    @Option(names = "--offset", paramLabel = "<number>", description = "Only 0: the whole volume is downloaded.")
    String offset;

    @Option(names = "--length", paramLabel = "<number>", description = "Only 0 (the whole volume).")
    String length;

    @Option(names = "--sparse", description = "Keep holes (always done).")
    boolean sparse;

    @Override
    protected void execute() throws Exception {
        if ((offset != null && VolUploadCommand.bytes(offset, "--offset") != 0)
                || (length != null && VolUploadCommand.bytes(length, "--length") != 0)) {
            throw new UsageException("vol-download --offset and --length are not supported: the whole volume is downloaded");
        }
        storage().download(poolName(), volName(), Path.of(file), new TransferProgress(err(), "vol-download"));
    }

    @Override
    protected String failureContext() {
        return "cannot download from volume " + vol;
    }
}
