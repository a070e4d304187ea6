package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.JvirshCommand;

import picocli.CommandLine.Command;

/** {@code jvirsh hostname}: Print the host name of the machine the daemon runs on. */
@Command(name = "hostname", mixinStandardHelpOptions = true,
        description = {"Print the host name of the machine the daemon runs on."})
public final class HostnameCommand extends JvirshCommand {

    @Override
    protected void execute() {
        out().println(client().server().hostname());
    }
}
