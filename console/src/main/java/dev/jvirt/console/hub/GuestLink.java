package dev.jvirt.console.hub;

import java.util.concurrent.CompletableFuture;

/**
 * A hub's connection to its guest's console, as the console keeper serves it
 * ({@code dev.jvirt.console.keeper.KeeperClient}): the keeper holds QEMU's chardev and writes the
 * log; the link carries the output, the keystrokes, and the log's tail for history.
 *
 * <p>Order is the point: a history request is answered in the stream, after every chunk the
 * keeper logged before it and before every chunk it logs after, so history and live output
 * neither overlap nor leave a gap.
 */
public interface GuestLink {

    /** What a link delivers to, one call at a time. */
    interface Sink {
        void output(byte[] chunk);

        /** The answer to the oldest {@link #requestHistory} not yet answered (empty when there is none). */
        void history(byte[] tail);

        /** The link ended: {@code why} null when the guest stopped (QEMU closed its end), else the reason. */
        void ended(String why);
    }

    /** Starts delivering to {@code sink}. Once. */
    void start(Sink sink);

    /** Asks for the log's last {@code maxBytes} (this run's only); answered by {@link Sink#history}. */
    void requestHistory(int maxBytes);

    /** Sends keystrokes; completes when QEMU took them, or fails when the link is gone. */
    CompletableFuture<Void> send(byte[] keystrokes);

    /** Stops the stream (the guest runs on and its log goes on being written); {@link Sink#ended} follows. */
    void close();
}
