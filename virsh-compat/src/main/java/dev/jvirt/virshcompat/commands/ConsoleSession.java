package dev.jvirt.virshcompat.commands;

import dev.jvirt.console.ConsoleException;
import dev.jvirt.console.terminal.ConsoleClient;
import dev.jvirt.console.terminal.ConsoleOptions;
import dev.jvirt.console.terminal.EscapeKey;
import dev.jvirt.virshcompat.Jvirsh;
import dev.jvirt.virshcompat.client.ApiClient;
import dev.jvirt.virshcompat.client.HttpResponse;
import dev.jvirt.virshcompat.client.JvirshException;
import java.time.Duration;

/** Attaches the terminal (or piped stdin/stdout) to a domain's console stream, via the console module's client. */
final class ConsoleSession {

    static final String DEFAULT_ESCAPE = "^]";

    private ConsoleSession() {
    }

    /** Runs a console session and answers its exit status (0 after the escape key or end of input). */
    static int attach(Jvirsh root, ApiClient client, String domain, String mode, String escape) {
        EscapeKey key;
        try {
            key = EscapeKey.parse(escape);
        } catch (ConsoleException e) {
            throw new JvirshException(e.getMessage());
        }
        HttpResponse stream = client.openConsole(domain, mode);
        if (stream.status() != 101) {
            stream.close();
            throw new JvirshException("jvirtd did not switch to the console stream of domain '" + domain
                    + "' (HTTP " + stream.status() + ")");
        }
        root.out().flush();
        ConsoleOptions options = new ConsoleOptions(domain, key, ConsoleOptions.Mode.AUTO, root.quiet(), root.in(),
                root.stdout(), root.stderr(), Duration.ofSeconds(1), Duration.ofSeconds(10));
        try {
            return ConsoleClient.run(options, stream.body(), stream.output());
        } finally {
            stream.close();
        }
    }
}
