package dev.jvirt.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** Just enough QMP for the console's integration tests (cont, chardev-change); one command at a time. */
final class MiniQmp implements AutoCloseable {

    private final SocketChannel channel;
    private final BufferedReader in;
    private final OutputStream out;

    private MiniQmp(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        this.out = Channels.newOutputStream(channel);
        in.readLine(); // greeting
        execute("{\"execute\":\"qmp_capabilities\"}");
    }

    static MiniQmp connect(Path socket, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                return new MiniQmp(ch);
            } catch (IOException e) {
                ch.close();
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    /** Sends a command (JSON text) and returns the reply line, skipping events. */
    String execute(String json) throws IOException {
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        for (String line; (line = in.readLine()) != null; ) {
            if (line.contains("\"return\"") || line.contains("\"error\"")) {
                if (line.contains("\"error\"")) {
                    throw new IOException("QMP error for " + json + ": " + line);
                }
                return line;
            }
        }
        throw new IOException("QMP connection closed");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
