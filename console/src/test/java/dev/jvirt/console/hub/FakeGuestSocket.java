package dev.jvirt.console.hub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for QEMU's console socket in unit tests (the integration tests use real QEMU): a unix
 * server socket that accepts one client, can send "guest output", and records what it receives.
 */
final class FakeGuestSocket implements AutoCloseable {

    private final ServerSocketChannel server;
    private final CompletableFuture<SocketChannel> client = new CompletableFuture<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final Path path;

    FakeGuestSocket(Path path) throws IOException {
        this.path = path;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Thread t = new Thread(() -> {
            try {
                SocketChannel ch = server.accept();
                client.complete(ch);
                ByteBuffer buf = ByteBuffer.allocate(4096);
                while (ch.read(buf) >= 0) {
                    synchronized (received) {
                        received.write(buf.array(), 0, buf.position());
                    }
                    buf.clear();
                }
            } catch (IOException e) {
                client.completeExceptionally(e);
            }
        }, "fake-guest");
        t.setDaemon(true);
        t.start();
    }

    void send(byte[] bytes) throws Exception {
        SocketChannel ch = client.get(5, TimeUnit.SECONDS);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    /** The guest "stops": QEMU closes the socket. */
    @Override
    public void close() throws Exception {
        if (client.isDone() && !client.isCompletedExceptionally()) {
            client.get().close();
        }
        server.close();
    }
}
