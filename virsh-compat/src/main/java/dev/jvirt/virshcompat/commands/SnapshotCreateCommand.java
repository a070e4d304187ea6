package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Snapshots;
import dev.jvirt.virshcompat.DomainCommand;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh snapshot-create}: a snapshot from libvirt's {@code <domainsnapshot>} XML (or defaults). */
@Command(name = "snapshot-create", mixinStandardHelpOptions = true,
        description = {"Create a snapshot of a domain from a <domainsnapshot> XML file (its name, description and disks), "
                + "or with everything default when no file is given."})
public final class SnapshotCreateCommand extends DomainCommand {

    @Parameters(index = "1", arity = "0..1", paramLabel = "<xmlfile>", description = "The <domainsnapshot> XML.")
    String xmlfile;

    @Option(names = "--disk-only", description = "An external snapshot of the disks only (qcow2 overlays).")
    boolean diskOnly;

    @Option(names = "--no-metadata", description = "Take the snapshot but keep no metadata for it.")
    boolean noMetadata;

    @Option(names = "--atomic", description = "All disks or none (jvirtd stops at the first failure).")
    boolean atomic;

    @Option(names = "--live", description = "Accepted for virsh's sake.")
    boolean live;

    @Override
    protected void execute() throws Exception {
        String xml = xmlfile == null ? "" : XmlFile.read(xmlfile);
        Snapshots.Info s = client().snapshots().create(name(), new Snapshots.Create(xml, null, null, diskOnly, noMetadata, Map.of()));
        info(xmlfile == null ? "Domain snapshot " + s.name() + " created"
                : "Domain snapshot " + s.name() + " created from '" + xmlfile + "'");
    }

    @Override
    protected boolean blankLine() {
        return false;
    }

    @Override
    protected String failureContext() {
        return "Failed to create a snapshot of domain '" + domain + "'";
    }
}
