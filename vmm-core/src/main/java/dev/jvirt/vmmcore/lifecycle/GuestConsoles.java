package dev.jvirt.vmmcore.lifecycle;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.console.ConsoleUnavailableException;
import dev.jvirt.console.hub.ConsoleFifos;
import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.console.hub.HubConfig;
import dev.jvirt.qmpclient.QmpConnection;
import dev.jvirt.vmmcore.qemu.ConsoleKind;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Opens the console hub of a guest whose QEMU command line has the console hub's chardev (a
 * definition with a serial or console): {@link ConsoleHub#start} for a fresh guest (before
 * {@code cont}, so the ring and the log hold the guest's output from its first byte),
 * {@link ConsoleHub#reconnect} on takeover. The hub's log is persistent and rotated by size.
 *
 * <p>A serial console starts on a {@code null} chardev ({@link GuestPaths#CONSOLE_HUB_CHARDEV});
 * here it is swapped over QMP for a {@code file} chardev on new {@link ConsoleFifos}, at every
 * start and every reconnect (QEMU saw the end of its input when the previous daemon went). A
 * virtio console is a unix socket the hub connects to.
 */
public final class GuestConsoles {
    private static final Duration SWAP_TIMEOUT = Duration.ofSeconds(10);
    private final Function<String, Path> logFile;
    private final long logFileBytes;
    private final int logKeep;

    /** {@code logFile}: domain name → its console log (in the state directory, so it outlives the guest). */
    public GuestConsoles(Function<String, Path> logFile, long logFileBytes, int logKeep) {
        this.logFile = logFile;
        this.logFileBytes = logFileBytes;
        this.logKeep = logKeep;
    }

    /** The hub's settings for domain {@code name}. */
    public HubConfig config(String name, GuestPaths paths) {
        return HubConfig.of(name, paths.consoleSocket(), logFile.apply(name)).withLog(logFileBytes, logKeep);
    }

    /**
     * Connects to the console of a guest QEMU launched with a console of {@code kind} (paused, or
     * running on takeover); null when it has none. Throws {@code ConsoleUnavailableException} or
     * {@link UncheckedIOException}.
     */
    public ConsoleHub open(String name, GuestPaths paths, ConsoleKind kind, QmpConnection qmp, boolean takeover) {
        if (kind == ConsoleKind.NONE) {
            return null;
        }
        HubConfig cfg = config(name, paths);
        try {
            Files.createDirectories(cfg.logFile().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + cfg.logFile().getParent() + ": " + e.getMessage(), e);
        }
        if (kind == ConsoleKind.SOCKET) {
            return takeover ? ConsoleHub.reconnect(cfg) : ConsoleHub.start(cfg);
        }
        ConsoleFifos fifos = swapToFifos(name, paths, qmp);
        return takeover ? ConsoleHub.reconnect(cfg, fifos) : ConsoleHub.start(cfg, fifos);
    }

    private static ConsoleFifos swapToFifos(String name, GuestPaths paths, QmpConnection qmp) {
        ConsoleFifos fifos;
        try {
            fifos = ConsoleFifos.create(paths.consoleFifos());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the console FIFOs of domain '" + name + "': " + e.getMessage(), e);
        }
        ObjectNode file = JsonNodeFactory.instance.objectNode();
        file.put("in", fifos.toGuest().toString());
        file.put("out", fifos.fromGuest().toString());
        ObjectNode backend = JsonNodeFactory.instance.objectNode();
        backend.put("type", "file");
        backend.set("data", file);
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.put("id", GuestPaths.CONSOLE_HUB_CHARDEV);
        args.set("backend", backend);
        try {
            qmp.execute("chardev-change", args, SWAP_TIMEOUT).get(SWAP_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return fifos;
        } catch (ExecutionException | TimeoutException e) {
            fifos.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConsoleUnavailableException("QEMU did not take the console FIFOs " + fifos.endpoint()
                    + " of domain '" + name + "': " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fifos.close();
            throw new ConsoleUnavailableException("interrupted while connecting the console of domain '" + name + "'", e);
        }
    }
}
