package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import picocli.CommandLine.Command;

/** {@code jvirsh domjobabort}: cancel the domain's running save (the guest goes on) or snapshot. */
@Command(name = "domjobabort", mixinStandardHelpOptions = true,
        description = {"Abort the domain's active job: a save is cancelled and the guest goes on as before."})
public final class DomJobAbortCommand extends DomainCommand {

    @Override
    protected void execute() {
        client().saves().abortJob(name());
    }
}
