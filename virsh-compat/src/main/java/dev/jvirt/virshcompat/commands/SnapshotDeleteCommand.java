package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.client.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh snapshot-delete}: a snapshot (and its children) gone; an external one is committed back. */
@Command(name = "snapshot-delete", mixinStandardHelpOptions = true,
        description = {"Delete a snapshot: internal ones leave the qcow2 images, external ones are committed back into "
                + "the disk images (block-commit) and their overlays removed."})
public final class SnapshotDeleteCommand extends SnapshotCommand {

    @Option(names = "--children", description = "Delete its descendants too.")
    boolean children;

    @Option(names = "--children-only", description = "Delete its descendants only.")
    boolean childrenOnly;

    @Option(names = "--metadata", description = "Forget the snapshot's metadata only; the images are left as they are.")
    boolean metadata;

    @Override
    protected void execute() {
        if (children && childrenOnly) {
            throw new UsageException("Options --children and --children-only are mutually exclusive");
        }
        String s = snapshotName();
        client().snapshots().delete(name(), s, children, childrenOnly, metadata);
        info(childrenOnly ? "Domain snapshot " + s + " children deleted" : "Domain snapshot " + s + " deleted");
    }

    @Override
    protected String failureContext() {
        return "Failed to delete snapshot" + (snapshot == null ? "" : " " + snapshot);
    }
}
