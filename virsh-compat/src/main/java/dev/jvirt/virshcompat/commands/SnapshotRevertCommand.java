package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh snapshot-revert}: the domain back to a snapshot. */
@Command(name = "snapshot-revert", mixinStandardHelpOptions = true,
        description = {"Revert a domain to a snapshot: with its memory the guest goes on from that moment; a disk-only "
                + "snapshot brings the disks back and leaves the domain shut off."})
public final class SnapshotRevertCommand extends SnapshotCommand {

    @Option(names = "--running", description = "The domain runs after the revert.")
    boolean running;

    @Option(names = "--paused", description = "The domain is paused after the revert.")
    boolean paused;

    @Option(names = "--force", description = "Accepted for virsh's sake.")
    boolean force;

    @Override
    protected void execute() {
        Boolean after = SaveTarget.runningAfter(running, paused);
        String s = snapshotName();
        client().snapshots().revert(name(), s, after);
        info("Domain snapshot " + s + " reverted");
    }

    @Override
    protected String failureContext() {
        return "Failed to revert snapshot" + (snapshot == null ? "" : " " + snapshot);
    }
}
