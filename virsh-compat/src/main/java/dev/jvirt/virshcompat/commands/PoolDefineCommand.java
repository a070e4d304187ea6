package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Storage;
import picocli.CommandLine.Command;

/** {@code jvirsh pool-define FILE}: a persistent pool from libvirt's pool XML, not started. */
@Command(name = "pool-define", mixinStandardHelpOptions = true,
        description = {"Define (but don't build or start) a storage pool from an XML file (libvirt's pool format: "
                + "dir, fs, netfs, logical)."})
public final class PoolDefineCommand extends XmlFileCommand {

    @Override
    protected String submit(String xml) {
        return "Pool " + client().storage().define(xml).name() + " defined";
    }

    @Override
    protected String failure() {
        return "Failed to define pool";
    }
}
