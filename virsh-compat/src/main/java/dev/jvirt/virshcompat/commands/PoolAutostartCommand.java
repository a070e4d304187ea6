package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh pool-autostart POOL [--disable]}. */
@Command(name = "pool-autostart", mixinStandardHelpOptions = true,
        description = {"Start the pool whenever jvirtd starts (or not, with --disable)."})
public final class PoolAutostartCommand extends PoolCommand {

    @Option(names = "--disable", description = "Turn autostart off instead.")
    boolean disable;

    @Override
    protected void execute() {
        storage().autostart(pool, !disable);
        info("Pool " + pool + (disable ? " unmarked" : " marked") + " as autostarted");
    }

    @Override
    protected String failureContext() {
        return "failed to " + (disable ? "unmark" : "mark") + " pool " + pool + " as autostarted";
    }
}
