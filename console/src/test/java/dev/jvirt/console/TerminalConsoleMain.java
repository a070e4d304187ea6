package dev.jvirt.console;

import dev.jvirt.console.hub.AttachRequest;
import dev.jvirt.console.hub.ConsoleSocketServer;
import dev.jvirt.console.terminal.ConsoleClient;
import dev.jvirt.console.terminal.ConsoleOptions;
import dev.jvirt.console.terminal.EscapeKey;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code jvirsh console NAME} will do once the daemon serves the stream, with the test's
 * stream server standing in for jvirtd. Run under tmux by {@link TerminalConsoleIT}.
 * Arguments: STREAM-SOCKET DOMAIN PID-FILE [ESCAPE].
 */
public final class TerminalConsoleMain {

    private TerminalConsoleMain() {
    }

    public static void main(String[] args) throws Exception {
        Path pidFile = Path.of(args[2]);
        Path tmp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()));
        Files.move(tmp, pidFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE); // never seen half-written
        ConsoleOptions options = ConsoleOptions.of(args[1]);
        if (args.length > 3) {
            options = options.withEscape(EscapeKey.parse(args[3]));
        }
        ConsoleSocketServer.Connection c = ConsoleSocketServer.connect(Path.of(args[0]), AttachRequest.writer());
        System.exit(ConsoleClient.run(options, c.in(), c.out()));
    }
}
