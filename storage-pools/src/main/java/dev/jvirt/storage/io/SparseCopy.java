package dev.jvirt.storage.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Copies a stream, or a file's data extents, into a file at the same offsets, 1 MiB at a time;
 * an all-zero chunk is skipped (a hole) when the target is known to read as zeros there. Reports
 * progress after every chunk and stops when cancelled.
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
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
        ByteBuffer zeros = ByteBuffer.allocateDirect(CHUNK);
        long pos = 0;
        while (true) {
            check(cancelled, pos);
            buf.clear();
            int n = fill(in, buf);
            if (n <= 0) {
                return pos;
            }
            if (pos + n > limit) {
                return pos + n;
            }
            buf.flip();
            writeUnlessZero(buf, out, pos, skipZeros, zeros);
            pos += n;
            progress.copied(pos);
        }
    }

    /**
     * Copies the first {@code length} bytes of a file, reading only its data extents (holes stay
     * holes in {@code out}, which must read as zeros there: a new or emptied file).
     */
    public static void copyFile(FileChannel in, List<Extents.Extent> extents, FileChannel out, Progress progress,
            BooleanSupplier cancelled) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
        ByteBuffer zeros = ByteBuffer.allocateDirect(CHUNK);
        for (Extents.Extent e : extents) {
            long pos = e.offset();
            long end = e.offset() + e.length();
            while (pos < end) {
                check(cancelled, pos);
                buf.clear().limit((int) Math.min(CHUNK, end - pos));
                while (buf.hasRemaining()) {
                    if (in.read(buf, pos + buf.position()) < 0) {
                        throw new IOException("the file ended at " + (pos + buf.position()) + ", inside its data");
                    }
                }
                buf.flip();
                int n = buf.remaining();
                writeUnlessZero(buf, out, pos, true, zeros);
                pos += n;
                progress.copied(pos);
            }
        }
    }

    private static void writeUnlessZero(ByteBuffer buf, FileChannel out, long at, boolean skipZeros, ByteBuffer zeros)
            throws IOException {
        if (skipZeros) {
            zeros.clear().limit(buf.remaining());
            if (buf.mismatch(zeros) < 0) {
                return;
            }
        }
        while (buf.hasRemaining()) {
            at += out.write(buf, at);
        }
    }

    private static void check(BooleanSupplier cancelled, long pos) {
        if (cancelled.getAsBoolean()) {
            throw new java.util.concurrent.CancellationException("cancelled after " + pos + " bytes");
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
