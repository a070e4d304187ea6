package dev.jvirt.vmmcore.qemu;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file (QEMU's stderr), for error messages. */
public final class LogTail {
    private static final int MAX_BYTES = 8192;

    private LogTail() {
    }

    /** Up to {@code lines} last non-blank lines of {@code file}; empty if it cannot be read. */
    public static List<String> read(Path file, int lines) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            long from = Math.max(0, length - MAX_BYTES);
            byte[] buf = new byte[(int) (length - from)];
            f.seek(from);
            f.readFully(buf);
            return lastLines(new String(buf, StandardCharsets.UTF_8), lines);
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<String> lastLines(String text, int lines) {
        List<String> all = new ArrayList<>(Arrays.asList(text.split("\r?\n")));
        all.removeIf(String::isBlank);
        return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
