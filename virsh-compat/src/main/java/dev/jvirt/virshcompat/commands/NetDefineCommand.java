package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Networks;
import picocli.CommandLine.Command;

/** {@code jvirsh net-define FILE}: defines (or redefines) a persistent network from libvirt's network XML. */
@Command(name = "net-define", mixinStandardHelpOptions = true,
        description = {"Define an inactive persistent virtual network (or modify an existing persistent one) from an "
                + "XML file (libvirt's network format)."})
public final class NetDefineCommand extends XmlFileCommand {

    @Override
    protected String submit(String xml) {
        return "Network " + client().networks().define(xml).name() + " defined";
    }

    @Override
    protected String failure() {
        return "Failed to define network";
    }
}
