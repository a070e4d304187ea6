package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.json.JsonObject;
import dev.jvirt.virshcompat.JvirshCommand;
import dev.jvirt.virshcompat.client.ApiClient;
import dev.jvirt.virshcompat.client.UsageException;
import dev.jvirt.virshcompat.format.EventText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh qemu-monitor-event}: QMP events of a domain, as QEMU sends them. */
@Command(name = "qemu-monitor-event", mixinStandardHelpOptions = true,
        description = {"Wait for QMP events of a domain and print them: one event, or with --loop until --timeout "
                + "or Ctrl-C. jvirtd streams one domain's QMP events, so --domain is required."},
        footerHeading = "%nExamples:%n",
        footer = {"  jvirsh qemu-monitor-event --domain web1 --loop --pretty",
            "  jvirsh qemu-monitor-event --domain web1 --event SHUTDOWN --timeout 30"})
public final class QemuMonitorEventCommand extends JvirshCommand {

    @Option(names = "--domain", paramLabel = "<domain>", description = "The domain whose QMP events to print.")
    String domain;

    @Option(names = "--event", paramLabel = "NAME", description = "Only QMP events of this name (such as SHUTDOWN).")
    String event;

    @Option(names = "--pretty", description = "Pretty-print each event's data.")
    boolean pretty;

    @Option(names = "--loop", description = "Keep waiting after the first event.")
    boolean loop;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop waiting after SECONDS.")
    Integer timeout;

    @Option(names = "--timestamp", description = "Print the time of each event first.")
    boolean timestamp;

    private int received;

    @Override
    protected void execute() throws Exception {
        if (domain == null) {
            throw new UsageException("jvirsh qemu-monitor-event needs --domain: jvirtd streams the QMP events of one domain");
        }
        String name = domain;
        String path = ApiClient.domainPath(name) + "/qemu-events" + (event == null ? "" : "?event=" + ApiClient.encode(event));
        EventStream.End end = EventStream.follow(client().openStream(path), timeout, e -> print(name, e));
        if (end == EventStream.End.TIMED_OUT) {
            out().println("event loop timed out");
        }
        out().println("events received: " + received);
    }

    private boolean print(String name, JsonObject e) {
        if (event != null && !event.equals(e.string("event"))) {
            return true;
        }
        out().println(EventText.qmpEvent(name, e, pretty, timestamp));
        out().flush();
        received++;
        return loop;
    }

    @Override
    protected String domainArgument() {
        return domain;
    }
}
