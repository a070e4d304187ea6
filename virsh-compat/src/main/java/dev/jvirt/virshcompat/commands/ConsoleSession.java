package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.http.HttpResponse;
import dev.jvirt.console.ConsoleException;
import dev.jvirt.console.terminal.ConsoleClient;
import dev.jvirt.console.terminal.ConsoleOptions;
import dev.jvirt.console.terminal.EscapeKey;
import dev.jvirt.virshcompat.Jvirsh;
import dev.jvirt.virshcompat.client.ApiClient;
import dev.jvirt.virshcompat.client.ApiException;
import dev.jvirt.virshcompat.client.JvirshException;
import java.time.Duration;

/** Attaches the terminal (or piped stdin/stdout) to a domain's console stream, via the console module's client. */
final class ConsoleSession {

    static final String DEFAULT_ESCAPE = "^]";
    /** The recent output replayed on attaching from a terminal: about a screenful. */
    static final int DEFAULT_HISTORY = 4096;
    /** All the daemon keeps in memory (its ring): start/create --console show the boot from its start. */
    static final int ALL_HISTORY = 64 * 1024;

    private ConsoleSession() {
    }

    /**
     * Runs a console session and answers its exit status (0 after the escape key or end of input).
     *
     * @param history bytes of recent output to show first (0 for none); null for the default:
     *                {@link #DEFAULT_HISTORY} in terminal mode, none with stdin a pipe
     * @throws ApiException the daemon refused (unknown domain, not running, busy), with jvirsh's hint
     */
    static int attach(Jvirsh root, ApiClient client, String domain, String mode, String escape, Integer history) {
        EscapeKey key;
        try {
            key = EscapeKey.parse(escape);
        } catch (ConsoleException e) {
            throw new JvirshException(e.getMessage());
        }
        boolean terminal = ConsoleOptions.of(domain).terminal();
        ConsoleOptions options = new ConsoleOptions(domain, key,
                terminal ? ConsoleOptions.Mode.TERMINAL : ConsoleOptions.Mode.PIPE, root.quiet(), root.in(),
                root.stdout(), root.stderr(), Duration.ofSeconds(1), Duration.ofSeconds(10));
        int replay = history != null ? history : terminal ? DEFAULT_HISTORY : 0;
        HttpResponse stream;
        try {
            stream = client.openConsole(domain, mode, replay);
        } catch (ApiException e) {
            throw withHint(e, domain);
        }
        if (stream.status() != 101) {
            stream.close();
            throw new JvirshException("jvirtd did not switch to the console stream of domain '" + domain
                    + "' (HTTP " + stream.status() + ")");
        }
        root.out().flush();
        try {
            return ConsoleClient.run(options, stream.body(), stream.output());
        } finally {
            stream.close();
        }
    }

    /** The daemon's hints speak API (mode=force); a jvirsh user needs jvirsh's words. */
    private static ApiException withHint(ApiException e, String domain) {
        String hint = switch (e.code()) {
            case "invalid-state" -> "jvirsh start " + domain + " starts it (with --console to attach at once); "
                    + "jvirsh console --log " + domain + " shows what it printed when it last ran";
            case "domain-busy" -> "jvirsh console --force " + domain + " takes the console over";
            default -> null;
        };
        return hint == null ? e : new ApiException(e.status(), e.code(), e.getMessage(), hint);
    }
}
