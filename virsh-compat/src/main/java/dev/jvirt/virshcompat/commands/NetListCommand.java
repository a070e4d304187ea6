package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Networks;
import dev.jvirt.virshcompat.JvirshCommand;
import dev.jvirt.virshcompat.client.UsageException;
import dev.jvirt.virshcompat.format.NetworkFormats;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh net-list}: the networks, active ones unless asked for more. */
@Command(name = "net-list", mixinStandardHelpOptions = true,
        description = {"List networks: the active ones, or with --all also the inactive ones."})
public final class NetListCommand extends JvirshCommand {

    @Option(names = "--inactive", description = "List inactive networks only.")
    boolean inactive;

    @Option(names = "--all", description = "List inactive and active networks.")
    boolean all;

    @Option(names = "--persistent", description = "List persistent networks.")
    boolean persistent;

    @Option(names = "--transient", description = "List transient networks.")
    boolean transientOnly;

    @Option(names = "--autostart", description = "List networks with autostart enabled.")
    boolean autostart;

    @Option(names = "--no-autostart", description = "List networks with autostart disabled.")
    boolean noAutostart;

    @Option(names = "--name", description = "List network names only.")
    boolean name;

    @Option(names = "--uuid", description = "List network UUIDs only.")
    boolean uuid;

    @Option(names = "--table", description = "List in a table (the default).")
    boolean table;

    @Override
    protected void execute() {
        if ((name ? 1 : 0) + (uuid ? 1 : 0) + (table ? 1 : 0) > 1) {
            throw new UsageException("Only one argument from --table, --name and --uuid may be specified.");
        }
        List<Networks.Summary> nets = networks();
        if (name || uuid) {
            for (Networks.Summary n : nets) {
                out().println(name ? n.name() : n.uuid());
            }
            return;
        }
        out().print(NetworkFormats.list(nets));
    }

    private List<Networks.Summary> networks() {
        return client().networks().list().stream()
                .filter(n -> all || (inactive ? !n.active() : n.active()))
                .filter(n -> !persistent || n.persistent())
                .filter(n -> !transientOnly || !n.persistent())
                .filter(n -> !autostart || n.autostart())
                .filter(n -> !noAutostart || !n.autostart())
                .toList();
    }
}
