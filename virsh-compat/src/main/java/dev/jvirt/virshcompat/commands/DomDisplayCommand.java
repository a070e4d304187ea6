package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Tuning;
import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.JvirshException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh domdisplay DOMAIN}: the URI of the running domain's graphical display, as virsh prints it. */
@Command(name = "domdisplay", mixinStandardHelpOptions = true,
        description = {"Show the URI of a running domain's graphical display (vnc://127.0.0.1:0, "
                + "spice://127.0.0.1:5901?tls-port=5902); localhost when it listens on every address."})
public final class DomDisplayCommand extends DomainCommand {
    @Option(names = "--type", paramLabel = "<string>", description = "Only a display of this type (vnc, spice).") String type;
    @Option(names = "--all", description = "Every display, one a line.") boolean all;

    @Override
    protected void execute() {
        List<Tuning.Display> displays = client().tuning().displays(name());
        boolean found = false;
        for (String scheme : List.of("vnc", "spice")) {
            for (Tuning.Display d : displays) {
                if (!d.type().equals(scheme) || (type != null && !type.equals(scheme)) || (found && !all)) {
                    continue;
                }
                String host = anyAddress(d.host()) ? "localhost" : d.host().contains(":") ? "[" + d.host() + "]" : d.host();
                String uri = scheme + "://" + host;
                if (scheme.equals("vnc")) {
                    uri += ":" + (d.port() - 5900);
                } else {
                    uri += d.port() > 0 ? ":" + d.port() : "";
                    uri += d.tlsPort() != null && d.tlsPort() > 0 ? "?tls-port=" + d.tlsPort() : "";
                }
                out().println(uri);
                found = true;
            }
        }
        if (!found) {
            throw new JvirshException(type == null ? "No graphical display found"
                    : "No graphical display with type '" + type + "' found"); // virsh's words
        }
    }

    /** Whether QEMU listens on every address (virsh then names localhost). */
    static boolean anyAddress(String host) {
        return host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("*");
    }

    @Override
    public String completesDomains() {
        return "active";
    }
}
