package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh vol-delete VOL}: refused while a domain's definition names it, unless --force. */
@Command(name = "vol-delete", mixinStandardHelpOptions = true,
        description = {"Delete a volume. A volume a defined or running domain uses is refused unless --force "
                + "(jvirt's: then a warning names the domains)."})
public final class VolDeleteCommand extends VolCommand {

    @Option(names = "--force", description = "Delete even though a domain's definition names the volume (jvirt's option).")
    boolean force;

    @Option(names = "--delete-snapshots", description = "Accepted for virsh compatibility (volumes have no snapshots here).")
    boolean deleteSnapshots;

    @Override
    protected void execute() {
        Storage.Deleted d = storage().deleteVolume(poolName(), volName(), force);
        if (!d.usedBy().isEmpty()) {
            err().println("warning: volume " + volName() + " was used by domain "
                    + String.join(", ", d.usedBy().stream().map(n -> "'" + n + "'").toList()));
            err().flush();
        }
        info("Vol " + vol + " deleted");
    }

    @Override
    protected String failureContext() {
        return "Failed to delete vol " + vol;
    }
}
