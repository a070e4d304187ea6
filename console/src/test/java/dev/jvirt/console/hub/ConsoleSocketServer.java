package dev.jvirt.console.hub;

import dev.jvirt.console.ConsoleBusyException;
import dev.jvirt.console.ConsoleException;
import dev.jvirt.console.ConsoleMode;
import dev.jvirt.console.ConsoleUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * Serves one hub's console stream on a unix socket without HTTP, for tests: the stand-in for the
 * daemon's console endpoint (jvirtd serves it on Netty; this is a test fixture, a thread per connection). A client sends one request line
 * ({@code attach rw|ro [force] [history=N]}), gets {@code ok} or {@code error busy|unavailable|bad MESSAGE},
 * then the frame stream of {@link ConsoleStreamBridge}. One thread per connection.
 */
public final class ConsoleSocketServer implements AutoCloseable {

    private final ConsoleHub hub;
    private final ServerSocketChannel server;
    private final Path path;
    private final Thread acceptor;

    private ConsoleSocketServer(ConsoleHub hub, Path path) throws IOException {
        this.hub = hub;
        this.path = path;
        Files.deleteIfExists(path);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        this.acceptor = new Thread(this::acceptLoop, "console-server-" + hub.domain());
        acceptor.setDaemon(true);
    }

    public static ConsoleSocketServer serve(ConsoleHub hub, Path path) throws IOException {
        ConsoleSocketServer s = new ConsoleSocketServer(hub, path);
        s.acceptor.start();
        return s;
    }

    public Path path() {
        return path;
    }

    /** A client connection: frames to read from {@code in}, frames to write to {@code out}. */
    public record Connection(SocketChannel channel, InputStream in, OutputStream out) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * Connects to a server at {@code path} and attaches.
     *
     * @throws ConsoleException            with the server's message when a writer is attached (busy)
     * @throws ConsoleUnavailableException when the console is gone
     */
    public static Connection connect(Path path, AttachRequest request) throws IOException {
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(path));
        InputStream in = ChannelStreams.in(ch);
        OutputStream out = ChannelStreams.out(ch);
        String line = "attach " + (request.mode() == ConsoleMode.READ_WRITE ? "rw" : "ro")
                + (request.force() ? " force" : "") + " history=" + request.historyBytes() + "\n";
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.flush();
        String reply = readLine(in);
        if (reply.equals("ok")) {
            return new Connection(ch, in, out);
        }
        ch.close();
        String[] parts = reply.split(" ", 3);
        String message = parts.length == 3 ? parts[2] : reply;
        if (parts.length >= 2 && parts[1].equals("busy")) {
            throw new ConsoleException(message);
        }
        throw new ConsoleUnavailableException(message);
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(path);
    }

    private void acceptLoop() {
        try {
            while (true) {
                SocketChannel ch = server.accept();
                Thread t = new Thread(() -> serve(ch), "console-conn-" + hub.domain());
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException e) {
            // server closed
        }
    }

    private void serve(SocketChannel ch) {
        try (ch) {
            InputStream in = ChannelStreams.in(ch);
            OutputStream out = ChannelStreams.out(ch);
            AttachRequest request;
            try {
                request = parse(readLine(in));
            } catch (IllegalArgumentException e) {
                reply(out, "error bad " + e.getMessage());
                return;
            }
            CountDownLatch replied = new CountDownLatch(1);
            ConsoleStreamBridge bridge;
            try {
                bridge = ConsoleStreamBridge.attach(hub, request, new StreamSink(ch, out, replied));
            } catch (ConsoleBusyException e) {
                reply(out, "error busy " + e.getMessage());
                return;
            } catch (ConsoleException e) {
                reply(out, "error unavailable " + e.getMessage());
                return;
            }
            synchronized (out) {
                reply(out, "ok");
            }
            replied.countDown();
            byte[] buf = new byte[16 * 1024];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    bridge.receive(buf, 0, n);
                }
            } finally {
                bridge.connectionClosed();
            }
        } catch (IOException e) {
            // client gone
        }
    }

    private static AttachRequest parse(String line) {
        String[] words = line.trim().split("\\s+");
        if (words.length < 2 || !words[0].equals("attach") || !(words[1].equals("rw") || words[1].equals("ro"))) {
            throw new IllegalArgumentException("expected 'attach rw|ro [force] [history=N]', got '" + line + "'");
        }
        AttachRequest r = words[1].equals("rw") ? AttachRequest.writer() : AttachRequest.viewer();
        for (int i = 2; i < words.length; i++) {
            if (words[i].equals("force")) {
                r = r.withForce(true);
            } else if (words[i].startsWith("history=")) {
                r = r.withHistory(Integer.parseInt(words[i].substring("history=".length())));
            } else {
                throw new IllegalArgumentException("unknown word '" + words[i] + "'");
            }
        }
        return r;
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("console server connection closed during the handshake");
            }
            line.write(c);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Blocking writes to the socket, after the handshake reply. */
    private static final class StreamSink implements FrameSink {
        private final SocketChannel ch;
        private final OutputStream out;
        private final CountDownLatch replied;

        StreamSink(SocketChannel ch, OutputStream out, CountDownLatch replied) {
            this.ch = ch;
            this.out = out;
            this.replied = replied;
        }

        @Override
        public CompletionStage<?> send(byte[] frames) {
            try {
                replied.await();
                synchronized (out) {
                    out.write(frames);
                    out.flush();
                }
                return ConsoleListener.DONE;
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public void close() {
            try {
                ch.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
