package dev.jvirt.vmmcore.qemu;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A file opened as a bare descriptor, to be handed to QEMU with {@code getfd} (a save image it
 * writes its migration stream into, or reads one from). The JDK hides the descriptor number of
 * its channels, so this opens with libc. Closing it closes jvirtd's copy only.
 */
public final class RawFd implements AutoCloseable {
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 1;
    private static final int O_APPEND = 02000;
    private static final int O_CLOEXEC = 02000000;
    private static final int SEEK_SET = 0;

    private interface C extends Library {
        int open(String path, int flags) throws LastErrorException;

        long lseek(int fd, long offset, int whence) throws LastErrorException;

        int fsync(int fd) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final C LIBC = Native.load("c", C.class);
    private final int fd;
    private final Path path;

    private RawFd(int fd, Path path) {
        this.fd = fd;
        this.path = path;
    }

    /** {@code path} opened to append to (it must exist). */
    public static RawFd append(Path path) throws IOException {
        return open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
    }

    /** {@code path} opened to read from {@code offset}. */
    public static RawFd readFrom(Path path, long offset) throws IOException {
        RawFd f = open(path, O_RDONLY | O_CLOEXEC);
        try {
            LIBC.lseek(f.fd, offset, SEEK_SET);
        } catch (LastErrorException e) {
            f.close();
            throw new IOException("cannot seek in " + path + ": errno " + e.getErrorCode(), e);
        }
        return f;
    }

    private static RawFd open(Path path, int flags) throws IOException {
        try {
            return new RawFd(LIBC.open(path.toString(), flags), path);
        } catch (LastErrorException e) {
            throw new IOException("cannot open " + path + ": errno " + e.getErrorCode(), e);
        }
    }

    public int fd() {
        return fd;
    }

    public void fsync() throws IOException {
        try {
            LIBC.fsync(fd);
        } catch (LastErrorException e) {
            throw new IOException("cannot flush " + path + ": errno " + e.getErrorCode(), e);
        }
    }

    @Override
    public void close() {
        try {
            LIBC.close(fd);
        } catch (LastErrorException e) {
            // the descriptor is gone either way
        }
    }
}
