package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh autostart}: whether jvirtd starts the domain when it starts. */
@Command(name = "autostart", mixinStandardHelpOptions = true,
        description = {"Configure a domain to be started when the daemon starts (at host boot for vmm:///system)."})
public final class AutostartCommand extends DomainCommand {

    @Option(names = "--disable", description = "Turn autostart off instead.")
    boolean disable;

    @Override
    protected void execute() {
        client().autostart(name(), !disable);
        info("Domain '" + name() + "' " + (disable ? "unmarked" : "marked") + " as autostarted");
    }

    @Override
    protected String failureContext() {
        return "Failed to " + (disable ? "unmark" : "mark") + " domain '" + domain + "' as autostarted";
    }
}
