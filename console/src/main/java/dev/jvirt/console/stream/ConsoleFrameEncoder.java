package dev.jvirt.console.stream;

import java.io.IOException;
import java.io.OutputStream;

/** Turns frames into bytes; stateless. Data larger than {@link #MAX_DATA_CHUNK} goes out as several frames. */
public final class ConsoleFrameEncoder {

    /** The largest DATA payload the encoder writes in one frame. */
    public static final int MAX_DATA_CHUNK = 64 * 1024;

    private ConsoleFrameEncoder() {
    }

    /** The wire form of one frame. */
    public static byte[] encode(ConsoleFrame frame) {
        byte[] p = frame.payload();
        byte[] out = new byte[ConsoleFrame.HEADER + p.length];
        writeHeader(out, 0, frame.type(), p.length);
        System.arraycopy(p, 0, out, ConsoleFrame.HEADER, p.length);
        return out;
    }

    /** The wire form of {@code data} as DATA frames of at most {@link #MAX_DATA_CHUNK} bytes each. */
    public static byte[] encodeData(byte[] data, int off, int len) {
        int frames = Math.max(1, (len + MAX_DATA_CHUNK - 1) / MAX_DATA_CHUNK);
        byte[] out = new byte[len + frames * ConsoleFrame.HEADER];
        int at = 0;
        int done = 0;
        do {
            int n = Math.min(MAX_DATA_CHUNK, len - done);
            writeHeader(out, at, FrameType.DATA, n);
            System.arraycopy(data, off + done, out, at + ConsoleFrame.HEADER, n);
            at += ConsoleFrame.HEADER + n;
            done += n;
        } while (done < len);
        return out;
    }

    public static void write(OutputStream out, ConsoleFrame frame) throws IOException {
        out.write(encode(frame));
    }

    private static void writeHeader(byte[] out, int at, FrameType type, int length) {
        out[at] = (byte) type.code();
        out[at + 1] = (byte) (length >>> 24);
        out[at + 2] = (byte) (length >>> 16);
        out[at + 3] = (byte) (length >>> 8);
        out[at + 4] = (byte) length;
    }
}
