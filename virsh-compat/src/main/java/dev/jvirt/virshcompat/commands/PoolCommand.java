package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.JvirshCommand;
import dev.jvirt.virshcompat.client.StorageApi;
import picocli.CommandLine.Parameters;

/** A command about one storage pool, given by name as its first argument. */
public abstract class PoolCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<pool>", description = "The pool's name.")
    protected String pool;

    protected StorageApi storage() {
        return client().storage();
    }
}
