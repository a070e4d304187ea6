package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import picocli.CommandLine.Command;

/** {@code jvirsh managedsave-remove}: forget a domain's managed save; its next start boots afresh. */
@Command(name = "managedsave-remove", mixinStandardHelpOptions = true,
        description = {"Remove the managed save image of a domain: its next start boots it afresh."})
public final class ManagedSaveRemoveCommand extends DomainCommand {

    @Override
    protected void execute() {
        if (client().saves().removeManagedSave(name())) {
            info("Removed managedsave image for domain '" + name() + "'");
        } else {
            info("Domain '" + name() + "' has no manage save image; removal skipped");
        }
    }

    @Override
    protected String failureContext() {
        return "Failed to remove managed save image for domain '" + domain + "'";
    }
}
