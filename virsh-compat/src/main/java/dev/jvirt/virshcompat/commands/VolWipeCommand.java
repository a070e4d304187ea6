package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh vol-wipe VOL [--algorithm zero|random|trim]}. */
@Command(name = "vol-wipe", mixinStandardHelpOptions = true,
        description = {"Wipe a volume's data (zero by default; random; trim deallocates it). A qcow2 volume stays an "
                + "empty image of its size."})
public final class VolWipeCommand extends VolCommand {

    @Option(names = "--algorithm", paramLabel = "<string>", description = "zero, random or trim (virsh's multi-pass patterns are refused).")
    String algorithm;

    @Override
    protected void execute() {
        Storage.Job job = storage().wipe(poolName(), volName(), algorithm == null ? "zero" : algorithm);
        storage().await(job, new TransferProgress(err(), "vol-wipe"));
        info("Vol " + vol + " wiped");
    }

    @Override
    protected String failureContext() {
        return "Failed to wipe vol " + vol;
    }
}
