package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;

/** {@code jvirsh vol-path VOL}. */
@Command(name = "vol-path", mixinStandardHelpOptions = true, description = {"Print a volume's path on the host."})
public final class VolPathCommand extends VolCommand {

    @Override
    protected void execute() {
        out().println(storage().volume(poolName(), volName()).path());
    }

    @Override
    protected String failureContext() {
        return "failed to get vol '" + vol + "'";
    }
}
