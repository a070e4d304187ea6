package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;

import picocli.CommandLine.Command;

/** {@code jvirsh domname}: the name of a domain given by id or UUID. */
@Command(name = "domname", mixinStandardHelpOptions = true,
        description = {"Convert a domain id or UUID to its name."})
public final class DomNameCommand extends DomainCommand {

    @Override
    protected void execute() {
        out().println(client().domain(name()).name());
    }
}
