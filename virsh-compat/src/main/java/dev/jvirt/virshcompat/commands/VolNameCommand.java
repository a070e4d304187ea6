package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.JvirshCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jvirsh vol-name KEY}. */
@Command(name = "vol-name", mixinStandardHelpOptions = true, description = {"Print the name of the volume with this key (path)."})
public final class VolNameCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<vol>", description = "The volume's key (its path).")
    String key;

    @Override
    protected void execute() {
        out().println(client().storage().byKey(key).name());
    }

    @Override
    protected String failureContext() {
        return "failed to get vol '" + key + "'";
    }
}
