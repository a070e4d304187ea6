package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Snapshots;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code jvirsh snapshot-info}: one snapshot's facts, as virsh prints them. */
@Command(name = "snapshot-info", mixinStandardHelpOptions = true,
        description = {"Show a snapshot's name, domain, whether it is current, state, location, parent and children."})
public final class SnapshotInfoCommand extends SnapshotCommand {

    @Override
    protected void execute() {
        Snapshots.Info s = client().snapshots().info(name(), snapshotName());
        line("Name:", s.name());
        line("Domain:", client().domain(name()).name());
        line("Current:", s.current() ? "yes" : "no");
        line("State:", s.state());
        line("Location:", s.location());
        line("Parent:", s.parent() == null ? "-" : s.parent());
        line("Children:", Long.toString(s.children()));
        line("Descendants:", Long.toString(s.descendants()));
        line("Metadata:", "yes");
    }

    private void line(String label, String value) {
        out().printf(Locale.ROOT, "%-15s %s%n", label, value);
    }
}
