package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.JvirshCommand;
import dev.jvirt.virshcompat.client.JvirshException;
import dev.jvirt.virshcompat.client.UsageException;
import dev.jvirt.virshcompat.imports.ImportApplier;
import dev.jvirt.virshcompat.imports.ImportPlan;
import dev.jvirt.virshcompat.imports.ImportPlanner;
import dev.jvirt.virshcompat.imports.JvirtSide;
import dev.jvirt.virshcompat.imports.LibvirtInventory;
import dev.jvirt.virshcompat.imports.LibvirtSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jvirsh import --from URI}: reads definitions from a running libvirt (libvirt-java, read
 * only), plans, prints the plan, and applies it through jvirtd. Only this command loads libvirt.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import domains, networks and storage pools from a running libvirt.",
            "libvirt is read through libvirt.so, read-only: libvirt and its guests are not touched. Prints a plan (object, action, "
                + "notes), then defines in jvirt what it can. Networks and pools whose names jvirt uses for other "
                + "objects become libvirt-NAME, and domains follow; what jvirt already has from an earlier import is "
                + "unchanged. A domain running under libvirt is imported as a definition only: jvirt will not start "
                + "it while libvirt's QEMU holds its disks. Autostart flags come along; a UEFI variables store is copied "
                + "into jvirt's pool 'default'; an emulated TPM's state is copied from libvirt's swtpm directory. With any "
                + "refusal in the plan nothing is defined, unless --skip-unsupported."})
public final class ImportCommand extends JvirshCommand {

    @Option(names = "--from", required = true, paramLabel = "<uri>",
            description = "libvirt's connection URI, such as qemu:///system or qemu+unix:///session?socket=PATH.")
    String from;

    @Option(names = "--all", description = "Import every domain libvirt has defined or running.")
    boolean all;

    @Option(names = "--networks", description = "Import libvirt's virtual networks too.")
    boolean networks;

    @Option(names = "--pools", description = "Import libvirt's storage pools too (volumes stay where they are).")
    boolean pools;

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Option(names = "--move-disks", description = "Copy the volumes of domains not running under libvirt into "
            + "jvirt's pool 'default' and use the copies (libvirt's stay as they are); without it, disks are used in place.")
    boolean moveDisks;

    @Option(names = "--skip-unsupported", description = "Import what can be imported and leave the refused objects out.")
    boolean skipUnsupported;

    @Option(names = "--libvirt-swtpm-dir", paramLabel = "<dir>", description = "Where libvirt keeps its emulated TPMs' "
            + "state (a directory per domain UUID); default /var/lib/libvirt/swtpm for a system URI, "
            + "$XDG_CONFIG_HOME/libvirt/qemu/swtpm (~/.config/...) for a session one.")
    String swtpmDir;

    @Parameters(paramLabel = "<libvirt-domain>", arity = "0..*", description = "Names of libvirt's domains to import.")
    List<String> domains = new ArrayList<>();

    @Override
    protected void execute() {
        if (all && !domains.isEmpty()) {
            throw new UsageException("Options --all and a list of domains are mutually exclusive");
        }
        if (!all && domains.isEmpty() && !networks && !pools) {
            throw new UsageException("nothing to import: name domains, or give --all, --networks or --pools");
        }
        LibvirtInventory source = LibvirtSource.load().read(from, all, domains, networks, pools);
        JvirtSide jvirt = new JvirtSide(client());
        Set<String> names = new HashSet<>(domains);
        source.domains().forEach(d -> names.add(d.name()));
        ImportPlan plan = ImportPlanner.plan(source, jvirt.holdings(names), jvirt, moveDisks,
                swtpmDir != null ? swtpmDir : defaultSwtpmDir(from));
        out().print(plan.table());
        for (ImportPlan.Step s : plan.steps()) {
            if (s.kind() == ImportPlan.Kind.DOMAIN && s.action() == ImportPlan.Action.DEFINE
                    && source.domains().stream().anyMatch(d -> d.name().equals(s.source()) && d.running())) {
                err().println("warning: domain '" + s.source() + "' is running under libvirt: only its definition is imported");
            }
        }
        int refused = plan.refused().size();
        if (refused > 0 && !skipUnsupported) {
            throw new JvirshException(refused + (refused == 1 ? " object is" : " objects are")
                    + " refused (see the plan): nothing was defined; --skip-unsupported imports the rest");
        }
        if (dryRun) {
            info("Dry run: nothing changed");
            return;
        }
        int[] count = new int[1];
        new ImportApplier(client()).apply(plan, s -> count[0]++);
        info("Imported " + count[0] + (count[0] == 1 ? " object" : " objects") + " from " + from
                + (refused > 0 ? " (" + refused + " refused, left out)" : ""));
    }

    /** libvirt's swtpm state root for {@code uri}: the system daemon's, or this user's session daemon's. */
    static String defaultSwtpmDir(String uri) {
        if (uri.contains("/system")) {
            return "/var/lib/libvirt/swtpm";
        }
        String config = System.getenv("XDG_CONFIG_HOME");
        if (config == null || config.isBlank()) {
            config = System.getProperty("user.home") + "/.config";
        }
        return config + "/libvirt/qemu/swtpm";
    }

    @Override
    protected String failureContext() {
        return "Failed to import from " + from;
    }
}
