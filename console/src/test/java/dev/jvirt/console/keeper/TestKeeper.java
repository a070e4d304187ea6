package dev.jvirt.console.keeper;

import dev.jvirt.console.hub.ConsoleEndpoint;
import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.console.hub.HubConfig;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A console keeper inside the test JVM and a daemon's client connected to it over its socket (a
 * plain blocking channel with a reader thread: what jvirtd does on Netty). {@link #reconnect}
 * stands for a daemon restart.
 */
public final class TestKeeper implements AutoCloseable {
    public final Path runtimeDir;
    private final ConsoleKeeper keeper;
    private final ExecutorService delivery = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-console-delivery");
        t.setDaemon(true);
        return t;
    });
    private KeeperClient client;

    private TestKeeper(Path runtimeDir, ConsoleKeeper keeper) throws IOException {
        this.runtimeDir = runtimeDir;
        this.keeper = keeper;
        this.client = connect(runtimeDir);
    }

    /** A keeper serving {@code dir/run} (made 0700). */
    public static TestKeeper start(Path dir) throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
        return new TestKeeper(run, ConsoleKeeper.start(run, null));
    }

    public ConsoleKeeper keeper() {
        return keeper;
    }

    public KeeperClient client() {
        return client;
    }

    public HubConfig config(String domain) {
        return HubConfig.of(domain, delivery);
    }

    /** Keeps QEMU's socket chardev at {@code socket} and opens a hub on it. */
    public ConsoleHub keepSocket(String domain, Path socket, Path log, boolean earlier) throws Exception {
        return keep(new KeepRequest(domain, new ConsoleEndpoint.UnixSocket(socket), log, 1 << 20, 1, earlier),
                config(domain), () -> { });
    }

    /**
     * Has the keeper keep {@code request}; {@code qemuTakesIt} runs once the keeper holds the
     * chardev (for FIFOs: where QEMU opens its ends); then a hub opens on it.
     */
    public ConsoleHub keep(KeepRequest request, HubConfig config, ThrowingRunnable qemuTakesIt) throws Exception {
        KeeperClient.Link link = client.keep(request).get(10, TimeUnit.SECONDS);
        try {
            qemuTakesIt.run();
        } catch (Exception e) {
            link.release();
            throw e;
        }
        return ConsoleHub.open(config, link);
    }

    /** The console the keeper kept for {@code domain}, on a new hub. */
    public Optional<ConsoleHub> attach(String domain) throws Exception {
        return client.attach(domain).get(10, TimeUnit.SECONDS).map(l -> ConsoleHub.open(config(domain), l));
    }

    /** The daemon "restarts": its connection goes, a new one comes. */
    public void reconnect() throws IOException {
        disconnect();
        client = connect(runtimeDir);
    }

    /** The daemon "dies": its connection goes. */
    public void disconnect() {
        client.close();
    }

    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Override
    public void close() {
        client.close();
        keeper.close();
        delivery.shutdownNow();
    }

    /** A client over a blocking socket: a reader thread feeds it, callers write under a lock. */
    public static KeeperClient connect(Path runtimeDir) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(KeeperProcess.socket(runtimeDir)));
        KeeperClient c = new KeeperClient(new KeeperClient.Transport() {
            @Override
            public void send(byte[] bytes) {
                synchronized (ch) {
                    try {
                        ByteBuffer b = ByteBuffer.wrap(bytes);
                        while (b.hasRemaining()) {
                            ch.write(b);
                        }
                    } catch (IOException e) {
                        // the reader sees the end
                    }
                }
            }

            @Override
            public void close() {
                try {
                    ch.close();
                } catch (IOException e) {
                    // closed
                }
            }
        });
        Thread reader = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            try {
                while (ch.read(buf) >= 0) {
                    c.received(buf.array(), 0, buf.position());
                    buf.clear();
                }
                c.connectionLost("the keeper closed the connection");
            } catch (IOException e) {
                c.connectionLost(e.toString());
            }
        }, "test-keeper-client");
        reader.setDaemon(true);
        reader.start();
        try {
            c.hello().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("no greeting from the keeper: " + e, e);
        }
        return c;
    }
}
