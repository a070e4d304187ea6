package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Storage;
import dev.jvirt.virshcompat.JvirshCommand;
import dev.jvirt.virshcompat.client.StorageApi;
import dev.jvirt.virshcompat.client.UsageException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A command about one volume: {@code <vol>} is its name with {@code --pool}, or its key or path
 * (then the pool is found from it), as virsh takes it.
 */
public abstract class VolCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<vol>", description = "The volume: its name (with --pool), key or path.")
    protected String vol;

    @Option(names = "--pool", paramLabel = "<string>", description = "The pool the volume is in (name).")
    protected String pool;

    private String[] resolved;

    protected StorageApi storage() {
        return client().storage();
    }

    /** The volume's pool and name. */
    protected String[] volume() {
        if (resolved == null) {
            if (pool != null) {
                resolved = new String[] {pool, vol};
            } else if (vol.startsWith("/")) {
                Storage.Volume v = storage().byKey(vol);
                resolved = new String[] {v.pool(), v.name()};
            } else {
                throw new UsageException("failed to get vol '" + vol + "': give its pool with --pool, or its path");
            }
        }
        return resolved;
    }

    protected String poolName() {
        return volume()[0];
    }

    protected String volName() {
        return volume()[1];
    }
}
