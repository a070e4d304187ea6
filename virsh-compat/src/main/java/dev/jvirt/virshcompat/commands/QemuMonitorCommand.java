package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.ApiException;
import dev.jvirt.virshcompat.client.UsageException;
import dev.jvirt.virshcompat.format.JsonPretty;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh qemu-monitor-command}: QMP (or HMP) passthrough over the daemon's monitor connection. */
@Command(name = "qemu-monitor-command", mixinStandardHelpOptions = true,
        description = {"Send a command to the QEMU monitor of a running domain and print QEMU's answer. "
                + "The command is QMP JSON, or with --hmp a human monitor command line.",
            "As in virsh, a QMP error is printed as QEMU's answer (exit status 0). Changing the guest "
                    + "behind jvirtd's back this way is at your own risk."},
        footerHeading = "%nExamples:%n",
        footer = {"  jvirsh qemu-monitor-command web1 '{\"execute\":\"query-status\"}'",
            "  jvirsh qemu-monitor-command web1 --hmp info status"})
public final class QemuMonitorCommand extends DomainCommand {

    @Parameters(index = "1..*", paramLabel = "<cmd>", arity = "1..*", description = "The command (words are joined with spaces).")
    List<String> command;

    @Option(names = "--hmp", description = "The command is in the human monitor protocol (HMP).")
    boolean hmp;

    @Option(names = "--pretty", description = "Pretty-print the JSON answer.")
    boolean pretty;

    @Override
    protected void execute() {
        if (hmp && pretty) {
            throw new UsageException("Options --hmp and --pretty are mutually exclusive");
        }
        Object answer;
        try {
            JsonObject o = client().qemuMonitor(name(), String.join(" ", command), hmp);
            answer = hmp ? o.raw("return") : o.asMap();
        } catch (ApiException e) {
            if (!"qemu-error".equals(e.code())) {
                throw e;
            }
            answer = Json.object("error", Json.object("class", e.detail("class", "GenericError"),
                    "desc", e.detail("desc", e.getMessage())));
        }
        if (hmp) {
            out().println(answer == null ? "" : answer.toString());
        } else {
            out().println(pretty ? JsonPretty.format(answer) : Json.toText(answer));
        }
    }

    @Override
    protected String failureContext() {
        return "failed to run the monitor command on domain '" + domain + "'";
    }
}
