package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;

import picocli.CommandLine.Command;

/** {@code jvirsh domuuid}: the UUID of a domain. */
@Command(name = "domuuid", mixinStandardHelpOptions = true,
        description = {"Convert a domain name or id to its UUID."})
public final class DomUuidCommand extends DomainCommand {

    @Override
    protected void execute() {
        out().println(client().domain(name()).uuid());
    }
}
