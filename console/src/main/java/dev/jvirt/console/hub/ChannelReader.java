package dev.jvirt.console.hub;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a blocking channel (a console socket) on a thread of its own; closing the channel ends it. */
final class ChannelReader implements GuestOutput {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelReader.class);
    private static final int READ_BUFFER = 16 * 1024;

    private final ReadableByteChannel channel;
    private final String name;
    private volatile boolean closing;

    ChannelReader(ReadableByteChannel channel, String name) {
        this.channel = channel;
        this.name = name;
    }

    @Override
    public void start(Sink sink) {
        Thread t = new Thread(null, () -> run(sink), "console-" + name, 256 * 1024);
        t.setDaemon(true);
        t.start();
    }

    private void run(Sink sink) {
        ByteBuffer buf = ByteBuffer.allocateDirect(READ_BUFFER); // direct: no hidden per-thread copy buffer
        try {
            while (channel.read(buf) >= 0) {
                if (buf.position() > 0) {
                    byte[] chunk = new byte[buf.position()];
                    buf.flip().get(chunk);
                    buf.clear();
                    sink.output(chunk);
                }
            }
        } catch (IOException e) {
            if (!closing) {
                LOG.debug("console of domain '{}' failed", name, e);
            }
        } finally {
            sink.ended();
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the console of domain '{}'", name, e);
        }
    }
}
