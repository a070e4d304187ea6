package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import picocli.CommandLine.Command;

/** {@code jvirsh inject-nmi DOMAIN}: a non-maskable interrupt sent to the running guest (QMP inject-nmi). */
@Command(name = "inject-nmi", mixinStandardHelpOptions = true,
        description = {"Inject a non-maskable interrupt (NMI) into a running guest: a Linux guest logs it, or "
                + "panics when it is set to (kernel.unknown_nmi_panic)."})
public final class InjectNmiCommand extends DomainCommand {

    @Override
    protected void execute() {
        client().tuning().injectNmi(name());
    }

    @Override
    public String completesDomains() {
        return "active";
    }
}
