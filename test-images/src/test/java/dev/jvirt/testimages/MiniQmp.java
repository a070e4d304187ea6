package dev.jvirt.testimages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Just enough QMP to check the image (this module sits below qmp-client, so it cannot use it):
 * line-oriented JSON over the socket, no parsing beyond substring checks.
 */
final class MiniQmp implements AutoCloseable {

    private final SocketChannel channel;
    private final BufferedReader in;

    private MiniQmp(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    }

    static MiniQmp connect(Path socket, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(socket)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("QMP socket " + socket + " did not appear");
            }
            Thread.sleep(20);
        }
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        MiniQmp qmp = new MiniQmp(ch);
        String greeting = qmp.in.readLine();
        if (greeting == null || !greeting.contains("\"QMP\"")) {
            throw new IOException("not a QMP greeting: " + greeting);
        }
        qmp.execute("qmp_capabilities");
        return qmp;
    }

    /** Sends a command and returns its reply line, skipping events. */
    String execute(String command) throws IOException {
        channel.write(ByteBuffer.wrap(("{\"execute\":\"" + command + "\"}\r\n").getBytes(StandardCharsets.UTF_8)));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.contains("\"return\"") || line.contains("\"error\"")) {
                return line;
            }
        }
        throw new IOException("QMP connection closed before '" + command + "' was answered");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
