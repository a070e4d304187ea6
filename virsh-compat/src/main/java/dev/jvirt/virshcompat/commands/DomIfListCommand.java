package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.format.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh domiflist}: the network interfaces of a domain. */
@Command(name = "domiflist", mixinStandardHelpOptions = true,
        description = {"List the network interfaces of a domain: host-side name, type, source, model and MAC address."})
public final class DomIfListCommand extends DomainCommand {

    @Option(names = "--inactive", description = "Get the interfaces of the stored definition rather than the running domain's.")
    boolean inactive;

    @Override
    protected void execute() {
        out().print(Formats.interfaces(client().interfaces(name(), inactive)));
    }
}
