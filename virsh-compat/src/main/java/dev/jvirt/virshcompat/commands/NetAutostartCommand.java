package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.NetworkCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh net-autostart}: whether jvirtd starts the network when it starts. */
@Command(name = "net-autostart", mixinStandardHelpOptions = true,
        description = {"Configure a network to be started when the daemon starts (before its autostarted guests)."})
public final class NetAutostartCommand extends NetworkCommand {

    @Option(names = "--disable", description = "Turn autostart off instead.")
    boolean disable;

    @Override
    protected void execute() {
        networks().autostart(network, !disable);
        info("Network " + network + (disable ? " unmarked" : " marked") + " as autostarted");
    }

    @Override
    protected String failureContext() {
        return "failed to " + (disable ? "unmark" : "mark") + " network " + network + " as autostarted";
    }
}
