package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.Records.StateReason;
import dev.jvirt.virshcompat.format.Formats;
import picocli.CommandLine.Option;
import picocli.CommandLine.Command;

/** {@code jvirsh domstate}: the state of a domain. */
@Command(name = "domstate", mixinStandardHelpOptions = true,
        description = {"Show the state of a domain (running, paused, shut off, in shutdown, crashed).", "With --reason, also why it is in that state, in libvirt's words: running (booted), paused (user), shut off (destroyed)..."})
public final class DomStateCommand extends DomainCommand {

    @Option(names = "--reason", description = "Also show the reason for the state.")
    boolean reason;

    @Override
    protected void execute() {
        StateReason s = client().state(name());
        out().println(Formats.domState(s.state(), s.reason(), reason));
    }

    @Override
    protected boolean simpleFlag(String flag) {
        switch (flag) {
            case "--reason":
                reason = true;
                return true;
            default:
                return false;
        }
    }
}
