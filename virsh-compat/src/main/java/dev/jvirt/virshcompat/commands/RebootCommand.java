package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import picocli.CommandLine.Command;

/** {@code jvirsh reboot}: Reboot a domain: ask the guest to restart (ACPI), as if its reset button were pressed gently. Returns once the request is made. */
@Command(name = "reboot", mixinStandardHelpOptions = true,
        description = {"Reboot a domain: ask the guest to restart (ACPI), as if its reset button were pressed gently. Returns once the request is made."})
public final class RebootCommand extends DomainCommand {

    @Override
    protected void execute() {
        client().lifecycle(name(), "reboot");
        info("Domain '" + name() + "' is being rebooted");
    }

    @Override
    protected String failureContext() {
        return "Failed to reboot domain '" + domain + "'";
    }

    @Override
    public String completesDomains() {
        return "running";
    }
}
