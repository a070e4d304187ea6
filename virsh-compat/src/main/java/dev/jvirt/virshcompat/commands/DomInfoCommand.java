package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.format.Formats;
import picocli.CommandLine.Command;

/** {@code jvirsh dominfo}: basic information about a domain, as virsh prints it. */
@Command(name = "dominfo", mixinStandardHelpOptions = true,
        description = {"Show basic information about a domain: id, name, UUID, state, CPUs, CPU time, memory, persistence and autostart."})
public final class DomInfoCommand extends DomainCommand {

    @Override
    protected void execute() {
        var d = client().domain(name());
        out().print(Formats.domInfo(d, d.persistent() && client().saves().hasManagedSave(d.name())));
    }
}
