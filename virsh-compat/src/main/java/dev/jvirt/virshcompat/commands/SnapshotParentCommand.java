package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Snapshots;
import dev.jvirt.virshcompat.client.JvirshException;
import picocli.CommandLine.Command;

/** {@code jvirsh snapshot-parent}: the name of a snapshot's parent. */
@Command(name = "snapshot-parent", mixinStandardHelpOptions = true,
        description = {"Print the name of a snapshot's parent snapshot."})
public final class SnapshotParentCommand extends SnapshotCommand {

    @Override
    protected void execute() {
        Snapshots.Info s = client().snapshots().info(name(), snapshotName());
        if (s.parent() == null) {
            throw new JvirshException("snapshot '" + s.name() + "' has no parent");
        }
        out().println(s.parent());
    }

    @Override
    protected boolean blankLine() {
        return false;
    }
}
