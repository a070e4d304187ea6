package dev.jvirt.storage.exec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The virtual size of an image of a known format, read without running qemu-img: a raw file's
 * length, or a qcow2 header's size field. Used where the format is given and only the size is
 * wanted (the capacity of a linked clone); anything else asks qemu-img.
 */
public final class ImageHeaders {
    private static final int QCOW_MAGIC = 0x514649fb;

    private ImageHeaders() {}

    /** The virtual size, or -1 when this class cannot tell (another format, a block device, a bad header). */
    public static long virtualSize(Path file, String format) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return -1;
            }
            if ("raw".equals(format)) {
                return Files.size(file);
            }
            if (!"qcow2".equals(format)) {
                return -1;
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer b = ByteBuffer.allocate(32);
                while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
                    // read the fixed header start
                }
                if (b.hasRemaining() || b.getInt(0) != QCOW_MAGIC || b.getInt(4) < 2) {
                    return -1;
                }
                long size = b.getLong(24);
                return size >= 0 ? size : -1;
            }
        } catch (IOException e) {
            return -1;
        }
    }
}
