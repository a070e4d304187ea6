package dev.jvirt.console.stream;

import dev.jvirt.console.ConsoleException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/** Reads frames from a blocking stream (the client's side of the daemon connection). */
public final class ConsoleFrameReader {

    private final InputStream in;
    private final ConsoleFrameDecoder decoder = new ConsoleFrameDecoder();
    private final Deque<ConsoleFrame> ready = new ArrayDeque<>();
    private final byte[] buffer = new byte[64 * 1024];

    public ConsoleFrameReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next frame, or null when the stream ends cleanly between frames.
     *
     * @throws EOFException when the stream ends in the middle of a frame
     * @throws ConsoleException when the bytes are not a console stream
     */
    public ConsoleFrame read() throws IOException {
        while (ready.isEmpty()) {
            int n = in.read(buffer);
            if (n < 0) {
                if (decoder.isMidFrame()) {
                    throw new EOFException("console stream ended in the middle of a frame");
                }
                return null;
            }
            ready.addAll(decoder.feed(buffer, 0, n));
        }
        return ready.removeFirst();
    }
}
