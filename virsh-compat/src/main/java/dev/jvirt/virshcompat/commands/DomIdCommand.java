package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;

import picocli.CommandLine.Command;

/** {@code jvirsh domid}: the id of a running domain ("-" when it is not running). */
@Command(name = "domid", mixinStandardHelpOptions = true,
        description = {"Convert a domain name or UUID to its id: the number a running domain has, or \"-\" when it is not running."})
public final class DomIdCommand extends DomainCommand {

    @Override
    protected void execute() {
        Long id = client().domain(name()).id();
        out().println(id == null ? "-" : id.toString());
    }
}
