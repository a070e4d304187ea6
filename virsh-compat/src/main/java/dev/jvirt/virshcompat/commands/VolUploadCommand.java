package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.client.UsageException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh vol-upload VOL FILE}: the file's bytes become the volume's, holes kept as holes. */
@Command(name = "vol-upload", mixinStandardHelpOptions = true,
        description = {"Upload a file's content into a volume (the bytes as stored: a qcow2 volume takes a qcow2 image). "
                + "Until it completes the volume is marked incomplete and no guest may use it. Progress goes to stderr "
                + "for uploads of 64 MiB or more."})
public final class VolUploadCommand extends VolCommand {

    @Parameters(index = "1", paramLabel = "<file>", description = "The file to upload.")
    String file;

    @Option(names = "--offset", paramLabel = "<number>", description = "Only 0: an upload replaces the volume's content.")
    String offset;

    @Option(names = "--length", paramLabel = "<number>", description = "Upload only this many bytes of the file.")
    String length;

    @Option(names = "--sparse", description = "Keep holes (always done).")
    boolean sparse;

    @Override
    protected void execute() throws Exception {
        if (offset != null && bytes(offset, "--offset") != 0) {
            throw new UsageException("vol-upload --offset is not supported: an upload replaces the volume's content from its start");
        }
        storage().upload(poolName(), volName(), Path.of(file), 0, length == null ? -1 : bytes(length, "--length"),
                new TransferProgress(err(), "vol-upload"));
    }

    static long bytes(String v, String option) {
        try {
            long n = Long.parseLong(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("Scaled numeric value '" + v + "' for " + option + " option is malformed or out of range");
    }

    @Override
    protected String failureContext() {
        return "cannot upload to volume " + vol;
    }
}
