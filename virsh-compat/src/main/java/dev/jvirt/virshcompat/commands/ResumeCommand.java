package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import picocli.CommandLine.Command;

/** {@code jvirsh resume}: Resume a suspended (paused) domain. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Resume a suspended (paused) domain."})
public final class ResumeCommand extends DomainCommand {

    @Override
    protected void execute() {
        client().lifecycle(name(), "resume");
        info("Domain '" + name() + "' resumed");
    }

    @Override
    protected String failureContext() {
        return "Failed to resume domain '" + domain + "'";
    }

    @Override
    public String completesDomains() {
        return "paused";
    }
}
