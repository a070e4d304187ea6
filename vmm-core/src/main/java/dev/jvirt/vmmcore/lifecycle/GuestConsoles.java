package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.console.hub.HubConfig;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Opens the console hub of a guest whose QEMU command line has the console hub's chardev (a
 * definition with a serial or console): {@link ConsoleHub#start} for a fresh guest (before
 * {@code cont}, so the ring and the log hold the guest's output from its first byte),
 * {@link ConsoleHub#reconnect} on takeover. The hub's log is persistent and rotated by size.
 */
public final class GuestConsoles {
    private final Function<String, Path> logFile;
    private final long logFileBytes;
    private final int logKeep;

    /** {@code logFile}: domain name → its console log (in the state directory, so it outlives the guest). */
    public GuestConsoles(Function<String, Path> logFile, long logFileBytes, int logKeep) {
        this.logFile = logFile;
        this.logFileBytes = logFileBytes;
        this.logKeep = logKeep;
    }

    /** Whether {@code argv} connects a serial or console to the console hub's socket. */
    public static boolean hasConsole(GuestPaths paths, List<String> argv) {
        String socket = paths.consoleSocket().toString();
        String escaped = socket.replace(",", ",,");
        return argv != null && argv.stream().anyMatch(a -> a.contains(socket) || a.contains(escaped));
    }

    /** The hub's settings for domain {@code name}. */
    public HubConfig config(String name, GuestPaths paths) {
        return HubConfig.of(name, paths.consoleSocket(), logFile.apply(name)).withLog(logFileBytes, logKeep);
    }

    /**
     * Connects to the console of a guest QEMU launched with {@code argv}; null when it has no
     * console. Throws {@code ConsoleUnavailableException} or {@link UncheckedIOException}.
     */
    public ConsoleHub open(String name, GuestPaths paths, List<String> argv, boolean takeover) {
        if (!hasConsole(paths, argv)) {
            return null;
        }
        HubConfig cfg = config(name, paths);
        try {
            Files.createDirectories(cfg.logFile().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + cfg.logFile().getParent() + ": " + e.getMessage(), e);
        }
        return takeover ? ConsoleHub.reconnect(cfg) : ConsoleHub.start(cfg);
    }
}
