package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Networks;
import picocli.CommandLine.Command;

/** {@code jvirsh net-create FILE}: starts a transient network from libvirt's network XML. */
@Command(name = "net-create", mixinStandardHelpOptions = true,
        description = {"Create and start a transient network from an XML file; it is forgotten once destroyed."})
public final class NetCreateCommand extends XmlFileCommand {

    @Override
    protected String submit(String xml) {
        return "Network " + client().networks().create(xml).name() + " created";
    }

    @Override
    protected String failure() {
        return "Failed to create network";
    }
}
