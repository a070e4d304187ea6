package dev.jvirt.qmpclient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted QMP peer for faults QEMU cannot be made to produce. Accepts one connection on a
 * unix socket and runs the script on its own thread; the script's failure is reported by
 * {@link #done()}.
 */
final class FakeQmpServer implements AutoCloseable {
    static final String GREETING =
            "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7}, \"package\": \"fake\"}, "
                    + "\"capabilities\": [\"oob\"]}}";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    interface Script {
        void run(Peer peer) throws Exception;
    }

    /** The accepted connection as the script sees it. */
    static final class Peer {
        private final SocketChannel channel;
        private final BufferedReader in;

        Peer(SocketChannel channel) {
            this.channel = channel;
            this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        }

        void sendRaw(byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        void send(String line) throws IOException {
            sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        /** Reads the next command line and returns its id. */
        long readCommand() throws IOException {
            return id(readLine());
        }

        /** Reads the next line (a whole command, without its line end). */
        String readLine() throws IOException {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("client closed the connection");
            }
            return line;
        }

        /** The id of a command line. */
        static long id(String line) throws IOException {
            Matcher m = ID.matcher(line);
            if (!m.find()) {
                throw new IOException("command without id: " + line);
            }
            return Long.parseLong(m.group(1));
        }

        /** Greets and answers {@code qmp_capabilities}. */
        void handshake() throws IOException {
            send(GREETING);
            send("{\"return\": {}, \"id\": " + readCommand() + "}");
        }

        void close() throws IOException {
            channel.close();
        }
    }

    private final Path socket;
    private final ServerSocketChannel server;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Thread thread;

    FakeQmpServer(Path socket, Script script) throws IOException {
        this.socket = socket;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(() -> {
            try (SocketChannel channel = server.accept()) {
                script.run(new Peer(channel));
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "fake-qmp-server");
        thread.setDaemon(true);
        thread.start();
    }

    Path socket() {
        return socket;
    }

    CompletableFuture<Void> done() {
        return done;
    }

    @Override
    public void close() throws Exception {
        server.close();
        thread.interrupt();
        thread.join(5000);
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
