package dev.jvirt.console.hub;

import dev.jvirt.console.ConsoleException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keystrokes on their way to QEMU. Writes to QEMU may block when the guest does not read
 * its serial input, so they run on a thread of their own (started on demand, ended when idle),
 * never on the caller's; the backlog is bounded.
 */
final class GuestInput {

    private final WritableByteChannel channel;
    private final String domain;
    private final long maxBacklog;
    private final AtomicLong backlog = new AtomicLong();
    private final ThreadPoolExecutor writer;

    GuestInput(WritableByteChannel channel, String domain, long maxBacklog) {
        this.channel = channel;
        this.domain = domain;
        this.maxBacklog = maxBacklog;
        this.writer = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "console-input-" + domain);
            t.setDaemon(true);
            return t;
        });
        writer.allowCoreThreadTimeOut(true);
    }

    CompletableFuture<Void> send(byte[] bytes) {
        if (backlog.addAndGet(bytes.length) > maxBacklog) {
            backlog.addAndGet(-bytes.length);
            return CompletableFuture.failedFuture(new ConsoleException("domain '" + domain
                    + "' is not reading its console input (" + maxBacklog + " bytes waiting)"));
        }
        byte[] copy = bytes.clone();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            writer.execute(() -> {
                try {
                    ByteBuffer buf = ByteBuffer.wrap(copy);
                    while (buf.hasRemaining()) {
                        channel.write(buf);
                    }
                    done.complete(null);
                } catch (IOException e) {
                    done.completeExceptionally(new ConsoleException("cannot write to the console of domain '"
                            + domain + "': " + e.getMessage(), e));
                } finally {
                    backlog.addAndGet(-copy.length);
                }
            });
        } catch (RuntimeException e) {
            backlog.addAndGet(-copy.length);
            done.completeExceptionally(new ConsoleException("the console of domain '" + domain + "' is closed", e));
        }
        return done;
    }

    void shutdown() {
        writer.shutdownNow();
    }
}
