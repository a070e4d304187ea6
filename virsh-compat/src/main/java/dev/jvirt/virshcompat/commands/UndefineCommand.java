package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import picocli.CommandLine.Command;

/** {@code jvirsh undefine}: removes a domain's persistent definition. */
@Command(name = "undefine", mixinStandardHelpOptions = true,
        description = {"Undefine a domain: remove its persistent definition. A running domain keeps running "
                + "as a transient one and disappears when it stops. Disk images are not touched."})
public final class UndefineCommand extends DomainCommand {

    @Override
    protected void execute() {
        client().undefine(name());
        info("Domain '" + name() + "' has been undefined");
    }

    @Override
    protected String failureContext() {
        return "Failed to undefine domain '" + domain + "'";
    }
}
