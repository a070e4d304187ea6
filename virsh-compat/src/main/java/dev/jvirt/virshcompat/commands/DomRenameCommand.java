package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jvirsh domrename DOMAIN NEW-NAME}: a shut-off domain renamed, as virsh. */
@Command(name = "domrename", mixinStandardHelpOptions = true,
        description = {"Rename a shut-off domain: its definition is stored under the new name with the same UUID "
                + "(and autostart). A running domain cannot be renamed."})
public final class DomRenameCommand extends DomainCommand {
    @Parameters(index = "1", paramLabel = "<new-name>", description = "The new name.")
    String newName;

    @Override
    protected void execute() {
        client().tuning().rename(name(), newName);
        out().println("Domain successfully renamed");
    }

    @Override
    public String completesDomains() {
        return "inactive";
    }
}
