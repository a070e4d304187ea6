package dev.jvirt.virshcompat.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine.Command;

/** {@code jvirsh snapshot-edit}: a snapshot's XML in the editor; its description may change. */
@Command(name = "snapshot-edit", mixinStandardHelpOptions = true,
        description = {"Edit a snapshot's <domainsnapshot> XML in $VISUAL, else $EDITOR, else vi; jvirtd takes its new "
                + "description (renaming and the rest are refused)."})
public final class SnapshotEditCommand extends SnapshotCommand {

    @Override
    protected void execute() throws Exception {
        String s = snapshotName();
        String original = client().snapshots().xml(name(), s);
        Path file = Files.createTempFile("jvirsh-snapshot-", ".xml",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(file, original);
            Editor.run(root.env(), file);
            String edited = XmlFile.read(file, file.toString());
            if (edited.equals(original)) {
                info("Snapshot " + s + " XML configuration not changed.");
                return;
            }
            client().snapshots().edit(name(), s, edited);
            info("Snapshot " + s + " edited.");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    protected String failureContext() {
        return "Failed to edit snapshot" + (snapshot == null ? "" : " " + snapshot);
    }
}
