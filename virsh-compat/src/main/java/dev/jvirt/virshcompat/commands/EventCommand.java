package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Domains;
import dev.jvirt.api.json.JsonObject;
import dev.jvirt.virshcompat.JvirshCommand;
import dev.jvirt.virshcompat.client.ApiClient;
import dev.jvirt.virshcompat.client.UsageException;
import dev.jvirt.virshcompat.format.EventText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh event}: waits for domain events and prints them as virsh does. */
@Command(name = "event", mixinStandardHelpOptions = true,
        description = {"Wait for domain events and print them: one event, or with --loop until --timeout or Ctrl-C.",
            "Events: lifecycle (defined, undefined, started, suspended, resumed, stopped, crashed, with a detail "
                    + "such as 'Stopped Shutdown') and reboot."},
        footerHeading = "%nExamples:%n",
        footer = {"  jvirsh event --all --loop --timeout 60", "  jvirsh event --domain web1 --event lifecycle"})
public final class EventCommand extends JvirshCommand {

    @Option(names = "--domain", paramLabel = "<domain>", description = "Only events of this domain.")
    String domain;

    @Option(names = "--event", paramLabel = "NAME", description = "Only events of this kind: lifecycle or reboot.")
    String event;

    @Option(names = "--all", description = "All kinds of event.")
    boolean all;

    @Option(names = "--list", description = "List the kinds of event and exit.")
    boolean list;

    @Option(names = "--loop", description = "Keep waiting after the first event.")
    boolean loop;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop waiting after SECONDS.")
    Integer timeout;

    @Option(names = "--timestamp", description = "Print the time of each event first.")
    boolean timestamp;

    private int received;

    @Override
    protected void execute() throws Exception {
        if (list) {
            for (String kind : EventText.KINDS) {
                out().println(kind);
            }
            return;
        }
        if (!all && event == null) {
            throw new UsageException("one of --list, --all, or --event <type> is required");
        }
        if (event != null && !EventText.isKind(event)) {
            throw new UsageException("unknown event type " + event);
        }
        String path = "/1.0/events" + (domain == null ? "" : "?domain=" + ApiClient.encode(domain));
        EventStream.End end = EventStream.follow(client().openStream(path), timeout, this::print);
        if (end == EventStream.End.TIMED_OUT) {
            out().println("event loop timed out");
        }
        out().println("events received: " + received);
    }

    private boolean print(JsonObject line) {
        Domains.Event e = Domains.Event.from(line);
        if (event != null && !event.equals(EventText.kindOf(e))) {
            return true;
        }
        out().println(EventText.domainEvent(e, timestamp));
        out().flush();
        received++;
        return loop;
    }

    @Override
    protected String domainArgument() {
        return domain;
    }
}
