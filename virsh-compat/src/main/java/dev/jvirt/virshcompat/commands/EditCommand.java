package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code jvirsh edit}: the definition in $VISUAL/$EDITOR, validated and redefined, re-opened on error as virsh does. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Edit the XML definition of a domain in $VISUAL, else $EDITOR, else vi. When the editor exits "
                + "the changed definition is defined again (a running domain picks it up at its next start). "
                + "If jvirtd rejects it, jvirsh shows why and asks: Failed. Try again? [y,n,i,f,?]"})
public final class EditCommand extends DomainCommand {

    @Override
    protected void execute() throws Exception {
        Optional<String> defined = new XmlEditor(root, err()).edit(name(), client().xml(name(), true),
                xml -> client().define(xml, false).name());
        info(defined.isEmpty() ? "Domain '" + name() + "' XML configuration not changed."
                : "Domain '" + defined.get() + "' XML configuration edited.");
    }

    @Override
    protected String failureContext() {
        return "Failed to edit domain '" + domain + "'";
    }
}
