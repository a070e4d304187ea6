package dev.jvirt.qmpclient;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Raw descriptors (libc open/close) and directory cleanup for tests. */
final class TestFiles {
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_CREAT = 0100;
    static final int O_TRUNC = 01000;

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int open(String path, int flags, int mode);

        int close(int fd);
    }

    private TestFiles() {
    }

    static int open(Path path, int flags) {
        int fd = LibC.INSTANCE.open(path.toString(), flags, 0600);
        if (fd < 0) {
            throw new IllegalStateException("open " + path + " failed: errno " + Native.getLastError());
        }
        return fd;
    }

    static void close(int fd) {
        LibC.INSTANCE.close(fd);
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
