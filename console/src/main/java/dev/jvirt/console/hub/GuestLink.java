package dev.jvirt.console.hub;

import dev.jvirt.console.ConsoleUnavailableException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The hub's open connection to QEMU's chardev: a blocking channel to read the guest's output
 * (end of stream when QEMU exits) and one to write its input. Closing it unblocks the reader.
 */
record GuestLink(ReadableByteChannel fromGuest, WritableByteChannel toGuest) implements AutoCloseable {

    static GuestLink open(ConsoleEndpoint endpoint, String domain, Duration timeout) {
        try {
            if (endpoint instanceof ConsoleEndpoint.UnixSocket s) {
                return connect(s, timeout);
            }
            return openFifos((ConsoleEndpoint.Fifos) endpoint, timeout);
        } catch (IOException | TimeoutException | ExecutionException e) {
            throw new ConsoleUnavailableException("cannot open the console (" + endpoint + ") of domain '" + domain
                    + "': " + (e instanceof TimeoutException ? "nothing answered within " + timeout.toMillis() + " ms"
                    : e.getMessage()) + " (is the domain running?)", e);
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
                return new GuestLink(ch, ch);
            } catch (IOException e) {
                ch.close();
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * Opens {@code base.out} for reading (only, so QEMU's exit reads as end of stream) and
     * {@code base.in} for writing. Opening a FIFO blocks until its other end is open, which QEMU
     * does at start; if it does not within the timeout, the pending opens are released.
     */
    private static GuestLink openFifos(ConsoleEndpoint.Fifos f, Duration timeout)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<GuestLink> opened = CompletableFuture.supplyAsync(() -> {
            try {
                FileChannel out = FileChannel.open(f.fromGuest(), StandardOpenOption.READ);
                try {
                    return new GuestLink(out, FileChannel.open(f.toGuest(), StandardOpenOption.WRITE));
                } catch (IOException | RuntimeException e) {
                    out.close();
                    throw e;
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            return opened.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Become the missing other end for a moment (O_RDWR never blocks), so the opens return.
            try (RandomAccessFile a = new RandomAccessFile(f.fromGuest().toFile(), "rw");
                    RandomAccessFile b = new RandomAccessFile(f.toGuest().toFile(), "rw")) {
                opened.handle((link, failure) -> {
                    if (link != null) {
                        link.close();
                    }
                    return null;
                }).get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | IOException ignored) {
                // the opens are released or failed: nothing more to do
            }
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException u) {
                throw u.getCause();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        closeQuietly(fromGuest);
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
