package dev.jvirt.vmmcore.lifecycle;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.console.ConsoleUnavailableException;
import dev.jvirt.console.hub.ConsoleEndpoint;
import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.console.hub.HubConfig;
import dev.jvirt.console.keeper.KeepRequest;
import dev.jvirt.console.keeper.KeeperClient;
import dev.jvirt.qmpclient.QmpConnection;
import dev.jvirt.vmmcore.qemu.ConsoleKind;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Opens the console hub of a guest whose QEMU command line has a console (a definition with a
 * serial or console). The console itself is kept by the daemon's console keeper (a process of its
 * own, {@link KeeperConnection}): it holds QEMU's chardev and writes the log, so output reaches
 * the log while jvirtd is down; the hub streams from it.
 *
 * <ul>
 *   <li>A fresh start (before {@code cont}): the keeper makes the serial port's FIFOs, QEMU's
 *       {@code null} chardev ({@link GuestPaths#CONSOLE_HUB_CHARDEV}) is swapped for a {@code file}
 *       chardev on them over QMP, the hub opens: history starts with the guest's first byte. A
 *       virtio console's socket the keeper connects to.</li>
 *   <li>Takeover (daemon restart): the keeper kept the console meanwhile; the hub attaches to it
 *       and nothing in QEMU changes. Only if the keeper does not have it (the keeper died, or a
 *       jvirtd without one started the guest) is it kept anew as above, its history reaching back
 *       into the log (this run's earlier output).</li>
 * </ul>
 */
public final class GuestConsoles implements AutoCloseable {
    private static final Duration SWAP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration KEEPER_TIMEOUT = Duration.ofSeconds(15);
    private final Function<String, Path> logFile;
    private final long logFileBytes;
    private final int logKeep;
    private final KeeperConnection keeper;
    private final ExecutorService delivery;
    private final java.util.concurrent.atomic.AtomicBoolean warming = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * {@code runtimeDir}: the daemon's runtime directory (the keeper's socket and pid); {@code
     * keeperLog}: the keeper's own log; {@code logFile}: domain name → its console log (in the state
     * directory, so it outlives the guest).
     */
    public GuestConsoles(Path runtimeDir, Path keeperLog, Function<String, Path> logFile, long logFileBytes, int logKeep) {
        this.logFile = logFile;
        this.logFileBytes = logFileBytes;
        this.logKeep = logKeep;
        this.keeper = new KeeperConnection(runtimeDir, keeperLog);
        AtomicInteger n = new AtomicInteger();
        // delivers output to clients: daemon threads, made on demand, idle ones end
        this.delivery = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "console-delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts connecting to the keeper (starting it if need be: a JVM start) in the background, so
     * that a guest's start, which needs it once QEMU is up, does not wait for it. Errors are left
     * for {@link #open} to report.
     */
    public void warmUp() {
        if (!warming.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                keeper.client();
            } catch (RuntimeException e) {
                // open() tells
            } finally {
                warming.set(false);
            }
        }, "console-keeper-connect");
        t.setDaemon(true);
        t.start();
    }

    /** The hub's settings for domain {@code name}. */
    public HubConfig config(String name) {
        return HubConfig.of(name, delivery);
    }

    /**
     * Opens the console hub of a guest QEMU launched with a console of {@code kind} (paused, or
     * running on takeover); null when it has none. Throws {@code ConsoleUnavailableException} or
     * {@link UncheckedIOException}.
     */
    public ConsoleHub open(String name, GuestPaths paths, ConsoleKind kind, QmpConnection qmp, boolean takeover) {
        if (kind == ConsoleKind.NONE) {
            return null;
        }
        Path log = logFile.apply(name);
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + log.getParent() + ": " + e.getMessage(), e);
        }
        KeeperClient client = keeper.client();
        if (takeover) {
            Optional<KeeperClient.Link> kept = await(client.attach(name), name);
            if (kept.isPresent()) {
                return ConsoleHub.open(config(name), kept.get());
            }
        }
        boolean serial = kind == ConsoleKind.SERIAL_FIFOS;
        ConsoleEndpoint endpoint = serial ? new ConsoleEndpoint.Fifos(paths.consoleFifos())
                : new ConsoleEndpoint.UnixSocket(paths.consoleSocket());
        KeeperClient.Link link = await(client.keep(new KeepRequest(name, endpoint, log, logFileBytes, logKeep, takeover)),
                name);
        if (serial) {
            try {
                swapToFifos(name, (ConsoleEndpoint.Fifos) endpoint, qmp);
            } catch (RuntimeException e) {
                link.release();
                throw e;
            }
        }
        return ConsoleHub.open(config(name), link);
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> f, String name) {
        try {
            return f.get(KEEPER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConsoleUnavailableException("the console keeper cannot keep the console of domain '" + name
                    + "': " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new ConsoleUnavailableException("the console keeper did not answer within "
                    + KEEPER_TIMEOUT.toSeconds() + " s for domain '" + name + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleUnavailableException("interrupted while connecting the console of domain '" + name + "'", e);
        }
    }

    /** QEMU 7.2 has no {@code in=} for {@code -chardev file}: the FIFOs go in over QMP. */
    private static void swapToFifos(String name, ConsoleEndpoint.Fifos fifos, QmpConnection qmp) {
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
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConsoleUnavailableException("QEMU did not take the console FIFOs " + fifos + " of domain '"
                    + name + "': " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleUnavailableException("interrupted while connecting the console of domain '" + name + "'", e);
        }
    }

    /** Closes the keeper connection (the keeper keeps the running guests' consoles) and the delivery threads. */
    @Override
    public void close() {
        keeper.close();
        delivery.shutdown();
    }

    static int uid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
