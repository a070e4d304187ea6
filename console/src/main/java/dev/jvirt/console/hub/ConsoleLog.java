package dev.jvirt.console.hub;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A domain's persistent console log, rotated by size: {@code console.log} is written, and when it
 * would pass {@code maxFileBytes} it becomes {@code console.log.1} ({@code .1} becomes {@code .2},
 * ...; the oldest beyond {@code keep} is deleted). The files together never hold more than
 * {@link #bound()} bytes. Written by one thread (the console keeper's); reading is {@link ConsoleLogReader}.
 */
public final class ConsoleLog implements AutoCloseable {

    private final Path file;
    private final long maxFileBytes;
    private final int keep;
    private FileChannel channel;
    private long size;

    private ConsoleLog(Path file, long maxFileBytes, int keep) throws IOException {
        if (maxFileBytes <= 0 || keep < 0) {
            throw new IllegalArgumentException("console log needs maxFileBytes > 0 and keep >= 0");
        }
        this.file = file;
        this.maxFileBytes = maxFileBytes;
        this.keep = keep;
        Files.createDirectories(file.toAbsolutePath().getParent());
        deleteBeyondKeep();
        openCurrent();
    }

    /** Opens (appending to) the log at {@code file}, keeping at most {@code keep} rotated files. */
    public static ConsoleLog open(Path file, long maxFileBytes, int keep) throws IOException {
        return new ConsoleLog(file, maxFileBytes, keep);
    }

    public Path file() {
        return file;
    }

    /** The most the log's files hold together: {@code maxFileBytes * (keep + 1)}. */
    public long bound() {
        return maxFileBytes * (keep + 1);
    }

    public void write(byte[] bytes, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            if (size >= maxFileBytes) {
                rotate();
            }
            int n = (int) Math.min(len - done, maxFileBytes - size);
            ByteBuffer buf = ByteBuffer.wrap(bytes, off + done, n);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            size += n;
            done += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** The log's files, oldest first (those that exist). */
    public static List<Path> files(Path file) {
        List<Path> out = new ArrayList<>();
        for (int i = 1; Files.exists(rotated(file, i)); i++) {
            out.add(0, rotated(file, i));
        }
        if (Files.exists(file)) {
            out.add(file);
        }
        return out;
    }

    static Path rotated(Path file, int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }

    private void rotate() throws IOException {
        channel.close();
        if (keep == 0) {
            Files.delete(file);
        } else {
            Files.deleteIfExists(rotated(file, keep));
            for (int i = keep - 1; i >= 1; i--) {
                if (Files.exists(rotated(file, i))) {
                    Files.move(rotated(file, i), rotated(file, i + 1), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.move(file, rotated(file, 1), StandardCopyOption.ATOMIC_MOVE);
        }
        openCurrent();
    }

    /** Files beyond keep (left by an earlier configuration) would break the bound. */
    private void deleteBeyondKeep() throws IOException {
        for (int i = keep + 1; Files.deleteIfExists(rotated(file, i)); i++) {
            // deleted
        }
    }

    private void openCurrent() throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND, java.nio.file.LinkOption.NOFOLLOW_LINKS); // never through a planted link
        size = channel.size();
    }
}
