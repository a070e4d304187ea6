package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Domains;
import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.format.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh domstate}: the state of a domain. */
@Command(name = "domstate", mixinStandardHelpOptions = true,
        description = {"Show the state of a domain (running, paused, shut off, in shutdown, crashed).", "With --reason, also why it is in that state, in libvirt's words: running (booted), paused (user), shut off (destroyed)..."})
public final class DomStateCommand extends DomainCommand {

    @Option(names = "--reason", description = "Also show the reason for the state.")
    boolean reason;

    @Override
    protected void execute() {
        Domains.StateReason s = client().state(name());
        out().println(Formats.domState(s.state(), s.reason(), reason));
    }
}
