package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;

/** {@code jvirsh vol-key VOL}: a volume's key (its path, as in libvirt's dir and logical pools). */
@Command(name = "vol-key", mixinStandardHelpOptions = true, description = {"Print a volume's key (its path)."})
public final class VolKeyCommand extends VolCommand {

    @Override
    protected void execute() {
        out().println(storage().volume(poolName(), volName()).path());
    }

    @Override
    protected String failureContext() {
        return "failed to get vol '" + vol + "'";
    }
}
