package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.JvirshCommand;

import picocli.CommandLine.Command;

/** {@code jvirsh uri}: Print the canonical URI of the daemon jvirsh is connected to (vmm:///session or vmm:///system). */
@Command(name = "uri", mixinStandardHelpOptions = true,
        description = {"Print the canonical URI of the daemon jvirsh is connected to (vmm:///session or vmm:///system)."})
public final class UriCommand extends JvirshCommand {

    @Override
    protected void execute() {
        String uri = client().server().uri();
        out().println(uri == null ? client().uri().uri() : uri);
    }
}
