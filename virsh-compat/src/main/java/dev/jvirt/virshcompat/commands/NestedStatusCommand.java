package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Guests;
import dev.jvirt.virshcompat.DomainCommand;
import picocli.CommandLine.Command;

/** {@code jvirsh nested-status}: how far a guest with the nested-lxd option is. */
@Command(name = "nested-status", mixinStandardHelpOptions = true,
        description = {"Show how far a running guest with the nested-lxd option is: cloud-init, the LXD "
                + "setup, whether LXD is ready (it answers and its preseed applied), and its containers with "
                + "their state and addresses. Exit status 0 when LXD is ready, 2 while it is not (yet)."})
public final class NestedStatusCommand extends DomainCommand {
    /** The exit status while LXD is not ready. */
    public static final int NOT_READY = 2;

    @Override
    protected void execute() {
        Guests.NestedStatus s = client().nestedStatus(name());
        row("LXD ready:", s.ready() ? "yes" : "no");
        row("Guest agent:", s.agent() ? "answers" : "no answer");
        if (s.agent()) {
            row("cloud-init:", s.cloudInit());
            row("LXD setup:", s.setup());
            row("lxd.service:", s.lxdService());
            row("LXD version:", s.lxdVersion() == null ? "-" : s.lxdVersion());
        }
        for (String p : s.problems()) {
            row("Not ready:", p);
        }
        if (!s.containers().isEmpty()) {
            out().println();
            out().printf("%-20s %-10s %-40s %s%n", "Container", "State", "Addresses", "Limits");
            for (Guests.Container c : s.containers()) {
                out().printf("%-20s %-10s %-40s %s%n", c.name(), c.status().toUpperCase(java.util.Locale.ROOT),
                        c.addresses().isEmpty() ? "-" : String.join(", ", c.addresses()),
                        c.limits().isEmpty() ? "-" : String.join(", ", c.limits()));
            }
        }
        exitWith(s.ready() ? 0 : NOT_READY);
    }

    private void row(String label, String value) {
        out().printf("%-15s %s%n", label, value == null ? "-" : value);
    }

    @Override
    protected String failureContext() {
        return "Failed to get the nested status of domain '" + domain + "'";
    }
}
