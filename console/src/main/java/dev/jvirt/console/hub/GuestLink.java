package dev.jvirt.console.hub;

import dev.jvirt.console.ConsoleUnavailableException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;

/**
 * The hub's open connection to QEMU's chardev: a blocking channel to read the guest's output
 * (end of stream when QEMU exits) and one to write its input. Closing it unblocks the reader.
 * A unix socket is connected here; FIFOs are opened by {@link ConsoleFifos}.
 */
record GuestLink(GuestOutput fromGuest, WritableByteChannel toGuest) implements AutoCloseable {

    static GuestLink open(ConsoleEndpoint endpoint, String domain, Duration timeout) {
        try {
            if (endpoint instanceof ConsoleEndpoint.UnixSocket s) {
                return connect(s, timeout);
            }
            throw new IllegalArgumentException(endpoint + " are opened by ConsoleFifos, not connected to");
        } catch (IOException e) {
            throw new ConsoleUnavailableException("cannot open the console (" + endpoint + ") of domain '" + domain
                    + "': " + e.getMessage() + " (is the domain running?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleUnavailableException("interrupted while opening the console of domain '" + domain + "'",
                    e);
        }
    }

    private static GuestLink connect(ConsoleEndpoint.UnixSocket s, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(s.path()));
                return new GuestLink(new ChannelReader(ch, s.path().getFileName().toString()), ch);
            } catch (IOException e) {
                ch.close();
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() {
        fromGuest.close();
        closeQuietly(toGuest);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
