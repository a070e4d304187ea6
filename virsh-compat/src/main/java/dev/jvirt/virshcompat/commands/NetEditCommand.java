package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.NetworkCommand;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code jvirsh net-edit}: the network's stored definition in $VISUAL/$EDITOR, validated and defined again. */
@Command(name = "net-edit", mixinStandardHelpOptions = true,
        description = {"Edit the XML configuration of a network in $VISUAL, else $EDITOR, else vi. When the editor "
                + "exits the changed definition is defined again (an active network runs on as it was started until "
                + "it is restarted). If jvirtd rejects it, jvirsh shows why and asks: Failed. Try again? [y,n,i,f,?]"})
public final class NetEditCommand extends NetworkCommand {

    @Override
    protected void execute() throws Exception {
        Optional<String> defined = new XmlEditor(root, err()).edit(network, networks().xml(network, true),
                xml -> networks().define(xml).name());
        info(defined.isEmpty() ? "Network " + network + " XML configuration not changed."
                : "Network " + defined.get() + " XML configuration edited.");
    }

    @Override
    protected String failureContext() {
        return "Failed to edit network " + network;
    }
}
