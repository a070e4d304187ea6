package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Domains;
import dev.jvirt.virshcompat.JvirshCommand;
import dev.jvirt.virshcompat.client.UsageException;
import dev.jvirt.virshcompat.format.Formats;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh list}: the domains, filtered and printed as virsh does. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List domains. Without options, only the active (running or paused) ones.",
            "Filters of different kinds combine (all must hold); flags of one kind add up "
                    + "(--state-running --state-paused lists both). Active domains come first, "
                    + "by id, then inactive ones by name."},
        footerHeading = "%nExamples:%n",
        footer = {"  jvirsh list --all", "  jvirsh list --all --name --autostart", "  jvirsh list --state-shutoff --uuid", "  jvirsh list --all --title"})
public final class ListCommand extends JvirshCommand {

    @Option(names = "--inactive", description = "List inactive (shut off) domains.") boolean inactive;
    @Option(names = "--all", description = "List active and inactive domains.") boolean all;
    @Option(names = "--transient", description = "List transient domains.") boolean transientOnly;
    @Option(names = "--persistent", description = "List persistent domains.") boolean persistent;
    @Option(names = "--state-running", description = "List domains in running state.") boolean running;
    @Option(names = "--state-paused", description = "List domains in paused state.") boolean paused;
    @Option(names = "--state-shutoff", description = "List domains in shut off state.") boolean shutoff;
    @Option(names = "--state-other", description = "List domains in other states.") boolean other;
    @Option(names = "--autostart", description = "List domains with autostart enabled.") boolean autostart;
    @Option(names = "--no-autostart", description = "List domains with autostart disabled.") boolean noAutostart;
    @Option(names = "--uuid", description = "List UUIDs only (with --name: UUID and name).") boolean uuid;
    @Option(names = "--name", description = "List domain names only.") boolean name;
    @Option(names = "--id", description = "List domain ids only (active domains).") boolean id;
    @Option(names = "--table", description = "List as a table (the default).") boolean table;
    @Option(names = "--title", description = "Show the domain's title (a table column).") boolean title;
    @Option(names = "--with-managed-save", description = "List domains with a managed save image.") boolean withManagedSave;
    @Option(names = "--without-managed-save", description = "List domains without a managed save image.") boolean withoutManagedSave;
    @Option(names = "--managed-save", description = "Show inactive domains with a managed save image as 'saved'.") boolean managedSave;

    @Override
    protected void execute() {
        checkOptions();
        List<Domains.Summary> domains = DomainFilter.sorted(managedSaves(filter(client().domains())));
        if (!uuid && !name && !id) {
            out().print(title ? Formats.domainTableWithTitle(domains) : Formats.domainTable(domains));
            return;
        }
        for (Domains.Summary d : domains) {
            if (id && d.id() == null) {
                continue;
            }
            List<String> fields = new ArrayList<>(3);
            if (id) {
                fields.add(d.id().toString());
            }
            if (uuid) {
                fields.add(d.uuid());
            }
            if (name) {
                fields.add(d.name());
            }
            out().println(String.join(" ", fields));
        }
    }

    /** The managed-save options: one question per inactive persistent domain, only when one of them is given. */
    private List<Domains.Summary> managedSaves(List<Domains.Summary> domains) {
        if (!withManagedSave && !withoutManagedSave && !managedSave) {
            return domains;
        }
        List<Domains.Summary> out = new ArrayList<>();
        for (Domains.Summary d : domains) {
            boolean saved = d.id() == null && d.persistent() && client().saves().hasManagedSave(d.name());
            if (withManagedSave && !saved || withoutManagedSave && saved) {
                continue;
            }
            out.add(managedSave && saved ? new Domains.Summary(d.id(), d.name(), d.uuid(), "saved", d.reason(), d.persistent(),
                    d.autostart(), d.title()) : d);
        }
        return out;
    }

    private void checkOptions() {
        if (withManagedSave && withoutManagedSave) {
            throw new UsageException("Options --with-managed-save and --without-managed-save are mutually exclusive");
        }
        if (table) {
            String other = uuid ? "--uuid" : name ? "--name" : id ? "--id" : null;
            if (other != null) {
                throw new UsageException("Options --table and " + other + " are mutually exclusive");
            }
        }
    }

    List<Domains.Summary> filter(List<Domains.Summary> domains) {
        DomainFilter f = new DomainFilter();
        // virsh: --state-shutoff alone lists inactive domains, as --inactive does (only --all lists both)
        f.active = all || !(inactive || shutoff);
        f.inactive = all || inactive || shutoff;
        f.persistent = persistent;
        f.transientOnly = transientOnly;
        f.running = running;
        f.paused = paused;
        f.shutoff = shutoff;
        f.other = other;
        f.autostart = autostart;
        f.noAutostart = noAutostart;
        return f.apply(domains);
    }
}
