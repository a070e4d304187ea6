package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import picocli.CommandLine.Command;

/** {@code jvirsh reset}: Reset a domain at once, as the reset button of a computer would: the guest gets no chance to shut down cleanly. */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Reset a domain at once, as the reset button of a computer would: the guest gets no chance to shut down cleanly."})
public final class ResetCommand extends DomainCommand {

    @Override
    protected void execute() {
        client().lifecycle(name(), "reset");
        info("Domain '" + name() + "' was reset");
    }

    @Override
    protected String failureContext() {
        return "Failed to reset domain '" + domain + "'";
    }

    @Override
    public String completesDomains() {
        return "active";
    }
}
