package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Tuning;
import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.JvirshException;
import picocli.CommandLine.Command;

/** {@code jvirsh vncdisplay DOMAIN}: the running domain's VNC display (HOST:DISPLAY), as virsh prints it. */
@Command(name = "vncdisplay", mixinStandardHelpOptions = true,
        description = {"Show the address and display number of a running domain's VNC server (127.0.0.1:0); "
                + "':0' when it listens on every address."})
public final class VncDisplayCommand extends DomainCommand {

    @Override
    protected void execute() {
        for (Tuning.Display d : client().tuning().displays(name())) {
            if (d.type().equals("vnc") && d.port() >= 5900) {
                String host = DomDisplayCommand.anyAddress(d.host()) ? "" : d.host();
                out().println(host + ":" + (d.port() - 5900));
                return;
            }
        }
        throw new JvirshException("Failed to get VNC port. Is this domain using VNC?"); // virsh's words
    }

    @Override
    public String completesDomains() {
        return "active";
    }
}
