package dev.jvirt.console.hub;

/**
 * Where a hub reads the guest's output: a thread on a blocking channel ({@link ChannelReader}, for
 * a console socket) or the shared {@link ConsolePoller} (for a serial console's FIFO). The sink
 * is called from one thread at a time: output chunks, then {@code ended} exactly once (end of
 * stream, a read error, or {@link #close}).
 */
interface GuestOutput extends AutoCloseable {

    /** What a {@link GuestOutput} delivers to. */
    interface Sink {
        void output(byte[] chunk);

        void ended();
    }

    void start(Sink sink);

    /** Stops reading; {@link Sink#ended} follows (if it did not come already). */
    @Override
    void close();
}
