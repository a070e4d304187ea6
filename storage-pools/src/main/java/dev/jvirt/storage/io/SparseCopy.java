package dev.jvirt.storage.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Copies a stream into a file at increasing offsets, 1 MiB at a time; an all-zero chunk is
 * skipped (a hole) when the target is known to read as zeros there. Reports progress after
 * every chunk and stops when cancelled.
 */
public final class SparseCopy {
    /** The chunk size: large enough for throughput, small enough for steady progress. */
    public static final int CHUNK = 1 << 20;

    /** Told of progress: bytes copied so far. */
    @FunctionalInterface
    public interface Progress {
        void copied(long bytes);
    }

    private SparseCopy() {}

    /**
     * Copies up to {@code limit} bytes (reading one more is an error the caller sees as a result
     * larger than the limit). Returns the number of bytes read from {@code in}.
     */
    public static long copy(ReadableByteChannel in, FileChannel out, long limit, boolean skipZeros, Progress progress,
            BooleanSupplier cancelled) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        byte[] zeros = new byte[CHUNK];
        long pos = 0;
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("cancelled after " + pos + " bytes");
            }
            buf.clear();
            int n = fill(in, buf);
            if (n <= 0) {
                return pos;
            }
            if (pos + n > limit) {
                return pos + n;
            }
            buf.flip();
            if (!(skipZeros && Arrays.mismatch(buf.array(), 0, n, zeros, 0, n) < 0)) {
                long at = pos;
                while (buf.hasRemaining()) {
                    at += out.write(buf, at);
                }
            }
            pos += n;
            progress.copied(pos);
        }
    }

    /** Reads until the buffer is full or the stream ends; returns bytes read, -1 at once-ended. */
    private static int fill(ReadableByteChannel in, ByteBuffer buf) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int r = in.read(buf);
            if (r < 0) {
                return total == 0 ? -1 : total;
            }
            total += r;
        }
        return total;
    }

    /** Makes the file {@code length} long without writing data (the tail stays a hole). */
    public static void extend(FileChannel out, long length) throws IOException {
        if (out.size() < length) {
            out.write(ByteBuffer.allocate(1), length - 1);
        }
    }

    /** Writes {@code length} bytes of zeros, or of pseudo-random data when {@code random}. */
    public static void fill(FileChannel out, long length, boolean random, Progress progress, BooleanSupplier cancelled)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(new java.security.SecureRandom().nextLong());
        long pos = 0;
        while (pos < length) {
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("cancelled after " + pos + " bytes");
            }
            int n = (int) Math.min(CHUNK, length - pos);
            buf.clear().limit(n);
            if (random) {
                for (int i = 0; i + 8 <= n; i += 8) {
                    buf.putLong(i, rnd.nextLong());
                }
            }
            while (buf.hasRemaining()) {
                pos += out.write(buf, pos);
            }
            progress.copied(pos);
        }
    }
}
