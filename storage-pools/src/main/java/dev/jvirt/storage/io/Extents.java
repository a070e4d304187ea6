package dev.jvirt.storage.io;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a file has data, from {@code lseek(SEEK_DATA/SEEK_HOLE)}, so a sparse copy reads only
 * that. Where the file system or the machine cannot say (a block device, an unknown
 * architecture), the whole length is one extent.
 */
public final class Extents {
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final int ENXIO = 6;

    /** A run of bytes that may hold data: {@code [offset, offset + length)}. */
    public record Extent(long offset, long length) {}

    private Extents() {}

    /** The data extents of the first {@code size} bytes of {@code file}, opened without following a link. */
    public static List<Extent> data(Path file, long size) {
        List<Extent> whole = size == 0 ? List.of() : List.of(new Extent(0, size));
        int noFollow = noFollowFlag();
        if (noFollow == 0) {
            return whole;
        }
        CLib c;
        try {
            c = Libc.INSTANCE;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return whole;
        }
        int fd;
        try {
            fd = c.open(file.toString(), noFollow);
        } catch (LastErrorException e) {
            return whole;
        }
        try {
            List<Extent> out = new ArrayList<>();
            long pos = 0;
            while (pos < size) {
                long data;
                try {
                    data = c.lseek(fd, pos, SEEK_DATA);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == ENXIO) {
                        break; // only a hole is left
                    }
                    return whole;
                }
                if (data >= size) {
                    break;
                }
                long hole;
                try {
                    hole = Math.min(c.lseek(fd, data, SEEK_HOLE), size);
                } catch (LastErrorException e) {
                    return whole;
                }
                out.add(new Extent(data, hole - data));
                pos = hole;
            }
            return out;
        } finally {
            c.close(fd);
        }
    }

    /** O_RDONLY | O_NOFOLLOW for this architecture, or 0 when unknown. */
    private static int noFollowFlag() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64", "x86", "i386" -> 0400000;
            case "aarch64", "arm" -> 0100000;
            default -> 0;
        };
    }

    /** The libc calls used, loaded on first use. */
    interface CLib extends Library {
        int open(String path, int flags) throws LastErrorException;

        long lseek(int fd, long offset, int whence) throws LastErrorException;

        int close(int fd);
    }

    private static final class Libc {
        static final CLib INSTANCE = Native.load("c", CLib.class);
    }
}
