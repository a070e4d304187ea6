package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.JvirshException;
import dev.jvirt.virshcompat.client.UsageException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A snapshot command on one snapshot of a domain: named, or the current one with --current. */
abstract class SnapshotCommand extends DomainCommand {

    @Parameters(index = "1", arity = "0..1", paramLabel = "<snapshotname>", description = "The snapshot's name.")
    String snapshot;

    @Option(names = "--current", description = "The domain's current snapshot.")
    boolean current;

    /** The snapshot asked for: by name, or with --current (or no name) the current one. */
    protected String snapshotName() {
        if (snapshot != null && current) {
            throw new UsageException("--snapshotname and --current are mutually exclusive");
        }
        if (snapshot != null) {
            return snapshot;
        }
        String c = client().snapshots().current(name());
        if (c == null) {
            throw new JvirshException("Domain snapshot not found: the domain does not have a current snapshot");
        }
        return c;
    }
}
