package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh snapshot-dumpxml}: a snapshot's {@code <domainsnapshot>} XML. */
@Command(name = "snapshot-dumpxml", mixinStandardHelpOptions = true,
        description = {"Print a snapshot's <domainsnapshot> XML, with the domain's definition as it was when it was taken."})
public final class SnapshotDumpXmlCommand extends SnapshotCommand {

    @Option(names = "--security-info", description = "Accepted for virsh's sake.")
    boolean securityInfo;

    @Override
    protected void execute() {
        String xml = client().snapshots().xml(name(), snapshotName());
        out().print(xml);
        if (!xml.endsWith("\n")) {
            out().println();
        }
    }
}
