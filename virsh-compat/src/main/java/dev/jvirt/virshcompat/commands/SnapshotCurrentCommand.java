package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.JvirshException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh snapshot-current}: the domain's current snapshot (its XML, or its name). */
@Command(name = "snapshot-current", mixinStandardHelpOptions = true,
        description = {"Show the domain's current snapshot: its XML, or its name with --name."})
public final class SnapshotCurrentCommand extends DomainCommand {

    @Option(names = "--name", description = "Print the name only.")
    boolean nameOnly;

    @Option(names = "--security-info", description = "Accepted for virsh's sake.")
    boolean securityInfo;

    @Override
    protected void execute() {
        String current = client().snapshots().current(name());
        if (current == null) {
            throw new JvirshException("Domain snapshot not found: the domain does not have a current snapshot");
        }
        if (nameOnly) {
            out().println(current);
            return;
        }
        String xml = client().snapshots().xml(name(), current);
        out().print(xml.endsWith("\n") ? xml : xml + "\n");
    }

    @Override
    protected boolean blankLine() {
        return !nameOnly;
    }
}
