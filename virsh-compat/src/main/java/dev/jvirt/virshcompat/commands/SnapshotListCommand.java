package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Snapshots;
import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.UsageException;
import dev.jvirt.virshcompat.format.VshTable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh snapshot-list}: a domain's snapshots as virsh's table, tree or names. */
@Command(name = "snapshot-list", mixinStandardHelpOptions = true,
        description = {"List a domain's snapshots: name, creation time and state (virsh's table), as a tree with --tree, "
                + "names only with --name."})
public final class SnapshotListCommand extends DomainCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z", Locale.ROOT);

    @Option(names = "--parent", description = "Add a column with each snapshot's parent.")
    boolean parent;

    @Option(names = "--roots", description = "Only snapshots without a parent.")
    boolean roots;

    @Option(names = "--leaves", description = "Only snapshots without children.")
    boolean leaves;

    @Option(names = "--no-leaves", description = "Only snapshots with children.")
    boolean noLeaves;

    @Option(names = "--current", description = "Only the current snapshot.")
    boolean current;

    @Option(names = "--tree", description = "Show the snapshots as a tree of parents and children.")
    boolean tree;

    @Option(names = "--name", description = "Names only, one per line.")
    boolean namesOnly;

    @Option(names = "--internal", description = "Only internal snapshots.")
    boolean internal;

    @Option(names = "--external", description = "Only external snapshots.")
    boolean external;

    @Override
    protected void execute() {
        if (tree && (parent || roots || namesOnly)) {
            throw new UsageException("--tree and --parent/--roots/--name are mutually exclusive");
        }
        if (leaves && noLeaves) {
            throw new UsageException("Options --leaves and --no-leaves are mutually exclusive");
        }
        List<Snapshots.Info> all = client().snapshots().list(name());
        List<Snapshots.Info> shown = all.stream()
                .filter(s -> !roots || s.parent() == null)
                .filter(s -> !leaves || s.children() == 0)
                .filter(s -> !noLeaves || s.children() > 0)
                .filter(s -> !current || s.current())
                .filter(s -> !internal || "internal".equals(s.location()))
                .filter(s -> !external || "external".equals(s.location()))
                .toList();
        if (tree) {
            SnapshotTreeText.print(out(), shown);
            return;
        }
        if (namesOnly) {
            shown.forEach(s -> out().println(s.name()));
            return;
        }
        VshTable t = parent ? VshTable.withHeader("Name", "Creation Time", "State", "Parent")
                : VshTable.withHeader("Name", "Creation Time", "State");
        for (Snapshots.Info s : shown) {
            String time = TIME.format(Instant.ofEpochSecond(s.creationTime()).atZone(ZoneId.systemDefault()));
            if (parent) {
                t.row(s.name(), time, s.state(), s.parent() == null ? "" : s.parent());
            } else {
                t.row(s.name(), time, s.state());
            }
        }
        out().print(t.render());
    }
}
