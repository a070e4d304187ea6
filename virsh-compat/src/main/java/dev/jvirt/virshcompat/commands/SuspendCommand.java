package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import picocli.CommandLine.Command;

/** {@code jvirsh suspend}: Suspend a running domain: its CPUs stop, its memory stays; resume continues it. */
@Command(name = "suspend", mixinStandardHelpOptions = true,
        description = {"Suspend a running domain: its CPUs stop, its memory stays; resume continues it."})
public final class SuspendCommand extends DomainCommand {

    @Override
    protected void execute() {
        client().lifecycle(name(), "suspend");
        info("Domain '" + name() + "' suspended");
    }

    @Override
    protected String failureContext() {
        return "Failed to suspend domain '" + domain + "'";
    }

    @Override
    public String completesDomains() {
        return "running";
    }
}
