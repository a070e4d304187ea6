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
        // finished: the key of the newest file copied to its end; a rotation can happen at any
        // moment, so the current file is only trusted once the newest rotated one is `finished`
        Object finished = copyRotatedSince(file, null, out);
        FileChannel current = null;
        Object currentKey = null;
        try {
            while (keepGoing.getAsBoolean()) {
                if (current == null && Files.exists(file)) {
                    current = FileChannel.open(file, StandardOpenOption.READ);
                    currentKey = key(file);
                    if (!Objects.equals(finished, newestRotatedKey(file))) {
                        // rotated since we listed (perhaps between the open and the key): what we
                        // opened may already be a rotated file; copy the rotated ones and reopen
                        current.close();
                        current = null;
                        finished = copyRotatedSince(file, finished, out);
                        continue;
                    }
                }
                long copied = current == null ? 0 : copy(current, out);
                out.flush();
                if (copied == 0) {
                    if (current != null && !Objects.equals(currentKey, key(file))) {
                        copy(current, out); // the rest of the file that was just rotated away
                        current.close();
                        current = null;
                        finished = copyRotatedSince(file, currentKey, out); // and any rotated after it (big writes)
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

    /** The key of {@code console.log.1}, or null when the log has never rotated. */
    private static Object newestRotatedKey(Path file) {
        return Files.exists(ConsoleLog.rotated(file, 1)) ? key(ConsoleLog.rotated(file, 1)) : null;
    }

    /**
     * Copies, oldest first, every rotated file newer than the one whose key is {@code finished}
     * (all of them when {@code finished} is null: nothing copied yet), since several rotations can
     * happen between two polls. Each is opened by path and kept only if it still has the key it
     * was listed with; otherwise a rotation moved the names: list again. Returns the key of the
     * newest file now copied ({@code finished} itself when there was none).
     */
    private static Object copyRotatedSince(Path file, Object finished, OutputStream out) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            List<Path> rotated = ConsoleLog.files(file).stream().filter(p -> !p.equals(file)).toList();
            List<Object> keys = rotated.stream().map(ConsoleLogReader::key).toList();
            int at = finished == null ? -1 : keys.indexOf(finished);
            if (finished != null && at < 0) {
                // deleted beyond the kept files (too far behind) or never rotated: nothing to add
                return finished;
            }
            List<FileChannel> opened = new java.util.ArrayList<>();
            boolean moved = false;
            try {
                for (int i = at + 1; i < rotated.size() && !moved; i++) {
                    FileChannel ch = FileChannel.open(rotated.get(i), StandardOpenOption.READ);
                    opened.add(ch);
                    moved = !Objects.equals(keys.get(i), key(rotated.get(i)));
                }
                if (!moved) {
                    for (FileChannel ch : opened) {
                        copy(ch, out);
                    }
                    return opened.isEmpty() ? finished : keys.get(rotated.size() - 1);
                }
            } catch (NoSuchFileException e) {
                // rotated meanwhile: list again
            } finally {
                for (FileChannel ch : opened) {
                    ch.close();
                }
            }
        }
        throw new IOException(file + ": the log rotates faster than it can be followed");
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
