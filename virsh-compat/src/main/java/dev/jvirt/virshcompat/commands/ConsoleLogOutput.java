package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.http.HttpResponse;
import dev.jvirt.console.terminal.ConsoleLogPrinter;
import dev.jvirt.virshcompat.Jvirsh;
import dev.jvirt.virshcompat.client.ApiClient;
import dev.jvirt.virshcompat.client.JvirshException;
import java.io.IOException;

/**
 * {@code jvirsh console --log NAME [--follow]}: copies the domain's stored console log from the
 * daemon (which owns it: in system mode it is root's) to stdout, byte for byte.
 */
final class ConsoleLogOutput {

    private ConsoleLogOutput() {
    }

    static void print(Jvirsh root, ApiClient client, String domain, boolean follow) throws IOException {
        try (HttpResponse log = client.consoleLog(domain, follow)) {
            if (follow && log.status() != 101) {
                throw new JvirshException("jvirtd did not switch to the console log stream of domain '" + domain
                        + "' (HTTP " + log.status() + ")");
            }
            root.out().flush();
            ConsoleLogPrinter.print(log.body(), root.stdout());
            if (follow) {
                // Following ends with Ctrl+C; an end from the other side means the daemon went away.
                throw new JvirshException("jvirtd closed the console log stream of domain '" + domain + "'");
            }
        }
    }
}
