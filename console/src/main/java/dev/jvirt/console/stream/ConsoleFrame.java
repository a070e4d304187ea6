package dev.jvirt.console.stream;

import dev.jvirt.console.CloseReason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One frame of a console stream. On the wire: type (1 byte), payload length (4 bytes, big
 * endian, at most {@link #MAX_PAYLOAD}), payload. See {@link FrameType} for the payloads.
 */
public final class ConsoleFrame {

    /** Frames larger than this are a protocol error (the encoder splits data into smaller ones). */
    public static final int MAX_PAYLOAD = 1 << 20;
    /** The size of type + length. */
    public static final int HEADER = 5;

    private final FrameType type;
    private final byte[] payload;

    private ConsoleFrame(FrameType type, byte[] payload) {
        this.type = Objects.requireNonNull(type);
        this.payload = payload;
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("console frame payload of " + payload.length + " bytes exceeds "
                    + MAX_PAYLOAD);
        }
    }

    public static ConsoleFrame data(byte[] bytes) {
        return new ConsoleFrame(FrameType.DATA, bytes);
    }

    public static ConsoleFrame closed(CloseReason reason, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[1 + text.length];
        p[0] = (byte) reason.code();
        System.arraycopy(text, 0, p, 1, text.length);
        return new ConsoleFrame(FrameType.CLOSED, p);
    }

    public static ConsoleFrame detach() {
        return new ConsoleFrame(FrameType.DETACH, new byte[0]);
    }

    static ConsoleFrame of(FrameType type, byte[] payload) {
        return new ConsoleFrame(type, payload);
    }

    public FrameType type() {
        return type;
    }

    /** The payload (not copied: do not modify). */
    public byte[] payload() {
        return payload;
    }

    /** The reason of a CLOSED frame. */
    public CloseReason reason() {
        requireClosed();
        return CloseReason.fromCode(payload.length == 0 ? -1 : payload[0] & 0xff);
    }

    /** The message of a CLOSED frame. */
    public String message() {
        requireClosed();
        return payload.length <= 1 ? "" : new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8);
    }

    private void requireClosed() {
        if (type != FrameType.CLOSED) {
            throw new IllegalStateException("not a CLOSED frame: " + type);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsoleFrame f && f.type == type && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "ConsoleFrame[" + type + ", " + payload.length + " bytes]";
    }
}
