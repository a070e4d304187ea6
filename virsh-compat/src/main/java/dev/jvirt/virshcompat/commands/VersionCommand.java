package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Host;
import dev.jvirt.virshcompat.JvirshCommand;
import dev.jvirt.virshcompat.JvirtVersion;
import picocli.CommandLine.Command;

/** {@code jvirsh version}: Show the versions of jvirsh, of the API and of the daemon it talks to. */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = {"Show the versions of jvirsh, of the API and of the daemon it talks to."})
public final class VersionCommand extends JvirshCommand {

    @Override
    protected void execute() {
        String v = JvirtVersion.version();
        out().println("Compiled against library: jvirt " + v);
        out().println("Using library: jvirt " + v);
        Host.ServerInfo server = client().server();
        out().println("Using API: jvirtd " + server.apiVersion());
        out().println("Running against daemon: " + server.version());
    }
}
