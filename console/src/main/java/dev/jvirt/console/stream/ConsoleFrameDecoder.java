package dev.jvirt.console.stream;

import dev.jvirt.console.ConsoleException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a byte stream into frames, whatever the chunking: feed it the bytes as they arrive (a
 * frame may be split across chunks, a chunk may hold several frames) and take the complete frames.
 * Not thread-safe: one decoder per connection direction. A Netty handler wraps it in a few lines.
 */
public final class ConsoleFrameDecoder {

    private final byte[] header = new byte[ConsoleFrame.HEADER];
    private int headerFill;
    private byte[] payload;
    private int payloadFill;
    private FrameType type;

    /** Decodes what {@code bytes[off, off+len)} completes; keeps the rest for the next call. */
    public List<ConsoleFrame> feed(byte[] bytes, int off, int len) {
        List<ConsoleFrame> frames = new ArrayList<>(2);
        int at = off;
        int end = off + len;
        while (at < end) {
            if (payload == null) {
                int n = Math.min(ConsoleFrame.HEADER - headerFill, end - at);
                System.arraycopy(bytes, at, header, headerFill, n);
                headerFill += n;
                at += n;
                if (headerFill < ConsoleFrame.HEADER) {
                    break;
                }
                startPayload();
            }
            int n = Math.min(payload.length - payloadFill, end - at);
            System.arraycopy(bytes, at, payload, payloadFill, n);
            payloadFill += n;
            at += n;
            if (payloadFill == payload.length) {
                frames.add(ConsoleFrame.of(type, payload));
                payload = null;
                headerFill = 0;
            }
        }
        return frames;
    }

    public List<ConsoleFrame> feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    /** True when a frame has been started but not finished (the stream ended mid-frame if it ends now). */
    public boolean isMidFrame() {
        return headerFill > 0;
    }

    private void startPayload() {
        type = FrameType.fromCode(header[0] & 0xff);
        if (type == null) {
            throw new ConsoleException("console stream corrupt: unknown frame type " + (header[0] & 0xff));
        }
        int length = ((header[1] & 0xff) << 24) | ((header[2] & 0xff) << 16) | ((header[3] & 0xff) << 8)
                | (header[4] & 0xff);
        if (length < 0 || length > ConsoleFrame.MAX_PAYLOAD) {
            throw new ConsoleException("console stream corrupt: frame of " + Integer.toUnsignedString(length)
                    + " bytes (at most " + ConsoleFrame.MAX_PAYLOAD + ")");
        }
        payload = new byte[length];
        payloadFill = 0;
    }
}
