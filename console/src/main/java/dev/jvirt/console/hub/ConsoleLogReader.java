package dev.jvirt.console.hub;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Reads a {@link ConsoleLog} from its files, for {@code jvirsh console --log NAME [--follow]}: the
 * daemon copies it into the response stream. Works whether or not the domain runs.
 */
public final class ConsoleLogReader {

    private ConsoleLogReader() {
    }

    /** Copies the whole log, oldest first, to {@code out}; returns the bytes copied. */
    public static long read(Path file, OutputStream out) throws IOException {
        long n = 0;
        for (Path p : ConsoleLog.files(file)) {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                n += copy(ch, out);
            } catch (NoSuchFileException e) {
                // rotated away meanwhile: its content moved to an older file we already passed
            }
        }
        out.flush();
        return n;
    }

    /** The last {@code max} bytes of the log (across its rotated files). */
    public static byte[] tail(Path file, int max) throws IOException {
        byte[] out = new byte[max];
        int fill = 0;
        List<Path> files = ConsoleLog.files(file);
        for (int i = files.size() - 1; i >= 0 && fill < max; i--) {
            try (RandomAccessFile f = new RandomAccessFile(files.get(i).toFile(), "r")) {
                int n = (int) Math.min(max - fill, f.length());
                f.seek(f.length() - n);
                // older files go in front of what the newer ones gave
                f.readFully(out, max - fill - n, n);
                fill += n;
            }
        }
        byte[] result = new byte[fill];
        System.arraycopy(out, max - fill, result, 0, fill);
        return result;
    }

    /**
     * Copies the log to {@code out}, then keeps copying what is appended (following rotations)
     * until {@code keepGoing} says stop, polling every {@code poll}. Like {@code tail -f}.
     */
    public static void follow(Path file, OutputStream out, BooleanSupplier keepGoing, Duration poll)
            throws IOException, InterruptedException {
        Objects.requireNonNull(keepGoing);
        List<Path> files = ConsoleLog.files(file);
        for (Path p : files.subList(0, Math.max(0, files.size() - 1))) {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                copy(ch, out);
            } catch (NoSuchFileException e) {
                // rotated away meanwhile
            }
        }
        FileChannel current = null;
        Object currentKey = null;
        try {
            while (keepGoing.getAsBoolean()) {
                if (current == null && Files.exists(file)) {
                    current = FileChannel.open(file, StandardOpenOption.READ);
                    currentKey = key(file);
                }
                long copied = current == null ? 0 : copy(current, out);
                out.flush();
                if (copied == 0) {
                    if (current != null && !Objects.equals(currentKey, key(file))) {
                        copy(current, out); // the rest of the file that was just rotated away
                        current.close();
                        current = null;
                        continue;
                    }
                    Thread.sleep(poll.toMillis());
                }
            }
        } finally {
            if (current != null) {
                current.close();
            }
        }
    }

    private static Object key(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static long copy(FileChannel ch, OutputStream out) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long total = 0;
        while (ch.read(buf) > 0) {
            buf.flip();
            out.write(buf.array(), 0, buf.limit());
            total += buf.limit();
            buf.clear();
        }
        return total;
    }
}
