package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Domains;
import dev.jvirt.virshcompat.JvirshCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jvirsh __complete-domains [PREFIX]}: the domain names the bash completion offers, one a
 * line. Hidden; prints nothing (and succeeds) when no daemon answers, so completion never hangs
 * on an error message.
 */
@Command(name = CompleteDomainsCommand.NAME, hidden = true, description = "Domain names for shell completion.")
public final class CompleteDomainsCommand extends JvirshCommand {

    public static final String NAME = "__complete-domains";

    @Parameters(index = "0", arity = "0..1", paramLabel = "<prefix>")
    String prefix = "";

    @Option(names = "--state", paramLabel = "<state>", description = "Only domains that are active, inactive, running or paused.")
    String state;

    @Override
    protected void execute() {
        try {
            for (Domains.Summary d : client().domains()) {
                if (d.name().startsWith(prefix) && fits(d)) {
                    out().println(d.name());
                }
            }
        } catch (RuntimeException noDaemon) {
            // completion stays silent
        }
    }

    private boolean fits(Domains.Summary d) {
        if (state == null) {
            return true;
        }
        return switch (state) {
            case "active" -> d.id() != null;
            case "inactive" -> d.id() == null;
            default -> state.equals(d.state());
        };
    }

    @Override
    protected boolean blankLine() {
        return false;
    }
}
