package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh shutdown}: asks the guest to power off (ACPI). */
@Command(name = "shutdown", mixinStandardHelpOptions = true,
        description = {"Gracefully shut down a domain: the guest gets an ACPI power-button press and "
                + "powers itself off. Returns once the request is made (as virsh), unless --timeout is given; "
                + "a guest that ignores ACPI keeps running: 'jvirsh destroy' stops it."})
public final class ShutdownCommand extends DomainCommand {

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Wait up to SECONDS for the guest to shut off (jvirt's addition).")
    Integer timeout;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "How to ask the guest: acpi (the power button, the default) or agent (the QEMU guest agent).")
    String mode;

    @Override
    protected void execute() {
        if (mode != null && !mode.equals("acpi") && !mode.equals("agent")) {
            throw new UsageException("Unknown mode " + mode + " value, expecting 'acpi', 'agent'");
        }
        if (mode == null) {
            client().shutdown(name(), timeout);
        } else {
            client().shutdown(name(), timeout, mode);
        }
        info("Domain '" + name() + "' is being shutdown");
    }

    @Override
    protected String failureContext() {
        return "Failed to shutdown domain '" + domain + "'";
    }

    @Override
    public String completesDomains() {
        return "running";
    }
}
