package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh destroy}: stops a domain at once. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = {"Destroy (stop) a domain immediately: QEMU gets SIGTERM, then SIGKILL if it lingers. "
                + "The guest is not asked; its disks are left as a power cut would leave them. "
                + "The definition stays (a transient domain goes away)."})
public final class DestroyCommand extends DomainCommand {

    @Option(names = "--graceful", description = "Only SIGTERM: give QEMU time to flush its disk caches; never SIGKILL. "
            + "Fails, leaving the domain as it was, if QEMU has not exited 5 s later.")
    boolean graceful;

    @Override
    protected void execute() {
        client().destroy(name(), graceful);
        info("Domain '" + name() + "' destroyed");
    }

    @Override
    protected String failureContext() {
        return "Failed to destroy domain '" + domain + "'";
    }

    @Override
    public String completesDomains() {
        return "active";
    }
}
