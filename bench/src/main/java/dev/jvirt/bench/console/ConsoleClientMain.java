package dev.jvirt.bench.console;

import dev.jvirt.console.hub.AttachRequest;
import dev.jvirt.console.hub.ConsoleSocketServer;
import dev.jvirt.console.terminal.ConsoleClient;
import dev.jvirt.console.terminal.ConsoleOptions;
import java.nio.file.Path;

/** jvirt's console client as jvirsh will run it, on a stream server standing in for jvirtd. Args: SOCKET DOMAIN. */
public final class ConsoleClientMain {

    private ConsoleClientMain() {
    }

    public static void main(String[] args) throws Exception {
        ConsoleSocketServer.Connection c = ConsoleSocketServer.connect(Path.of(args[0]),
                AttachRequest.writer().withForce(true));
        System.exit(ConsoleClient.run(ConsoleOptions.of(args[1]), c.in(), c.out()));
    }
}
