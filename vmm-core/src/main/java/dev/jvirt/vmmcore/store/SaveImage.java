package dev.jvirt.vmmcore.store;

import dev.jvirt.vmmcore.InvalidArgumentException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * jvirt's save image (virsh save, managedsave): a header, the domain's XML, then QEMU's migration
 * stream from {@link #dataOffset()} to the end. Like libvirt's it starts with a magic string, so a
 * file that is not one is refused by name, and it says whether the guest was running. The header
 * is written first marked incomplete and marked complete only after QEMU's stream is on disk: an
 * interrupted save is refused at restore rather than half-restored.
 *
 * <pre>
 *   0  16 bytes  "JvirtSaveImage\0\1" (magic, format version 1)
 *  16  int32     XML length in bytes (big-endian)
 *  20  int32     1 when the guest was running at the save, 0 when paused
 *  24  int32     1 once the migration stream is complete
 *  28  int32     reserved (0)
 *  32  int64     offset of the migration stream (a multiple of 4096)
 *  40  ...       the domain XML (UTF-8), zero padding to the stream
 * </pre>
 */
public record SaveImage(String xml, boolean running, boolean complete, long dataOffset) {
    static final byte[] MAGIC = "JvirtSaveImage\0\1".getBytes(StandardCharsets.ISO_8859_1);
    private static final int FIXED = 40;
    private static final int ALIGN = 4096;
    /** Longer XML than this is not a domain definition. */
    private static final int MAX_XML = 16 << 20;

    /** Writes a new image's header (incomplete) to {@code file}, replacing it; answers the image. */
    public static SaveImage create(Path file, String xml, boolean running) throws IOException {
        byte[] text = xml.getBytes(StandardCharsets.UTF_8);
        long offset = (FIXED + text.length + ALIGN - 1) / ALIGN * ALIGN;
        ByteBuffer b = ByteBuffer.allocate((int) offset);
        b.put(MAGIC).putInt(text.length).putInt(running ? 1 : 0).putInt(0).putInt(0).putLong(offset).put(text);
        b.rewind();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        return new SaveImage(xml, running, false, offset);
    }

    /** Marks the image of {@code file} complete (its stream is written and flushed). */
    public static void markComplete(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(24);
            f.writeInt(1);
            f.getFD().sync();
        }
    }

    /** Rewrites the image's XML in place (save-image-define); it must fit the space the header has. */
    public static void replaceXml(Path file, String xml, boolean running) throws IOException {
        SaveImage old = read(file);
        byte[] text = xml.getBytes(StandardCharsets.UTF_8);
        if (FIXED + text.length > old.dataOffset()) {
            throw new InvalidArgumentException("the new XML (" + text.length + " bytes) does not fit the space of save image " + file);
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(16);
            f.writeInt(text.length);
            f.writeInt(running ? 1 : 0);
            f.seek(FIXED);
            f.write(text);
            f.write(new byte[(int) (old.dataOffset() - FIXED - text.length)]);
            f.getFD().sync();
        }
    }

    /**
     * Reads the header of {@code file}.
     *
     * @throws InvalidArgumentException the file is missing, unreadable, or not a jvirt save image
     */
    public static SaveImage read(Path file) {
        byte[] head = new byte[FIXED];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer b = ByteBuffer.wrap(head);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // fill the fixed part
            }
            ByteBuffer h = ByteBuffer.wrap(head);
            byte[] magic = new byte[MAGIC.length];
            h.get(magic);
            if (b.hasRemaining() || !java.util.Arrays.equals(magic, MAGIC)) {
                throw new InvalidArgumentException("'" + file + "' is not a jvirt save image (no save image header)");
            }
            int xmlLength = h.getInt();
            boolean running = h.getInt() == 1;
            boolean complete = h.getInt() == 1;
            h.getInt();
            long offset = h.getLong();
            if (xmlLength <= 0 || xmlLength > MAX_XML || offset < FIXED + xmlLength || offset > size) {
                throw new InvalidArgumentException("save image '" + file + "' has a damaged header");
            }
            ByteBuffer x = ByteBuffer.allocate(xmlLength);
            ch.position(FIXED);
            while (x.hasRemaining() && ch.read(x) > 0) {
                // the XML
            }
            return new SaveImage(new String(x.array(), StandardCharsets.UTF_8), running, complete, offset);
        } catch (NoSuchFileException e) {
            throw new InvalidArgumentException("cannot open save image '" + file + "': No such file or directory");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new InvalidArgumentException("cannot open save image '" + file + "': Permission denied");
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot read save image '" + file + "': " + e.getMessage());
        }
    }

    /** {@link #read}, refusing an image whose save did not finish. */
    public static SaveImage readComplete(Path file) {
        SaveImage img = read(file);
        if (!img.complete()) {
            throw new InvalidArgumentException("save image '" + file + "' is incomplete: the save that wrote it did not finish");
        }
        return img;
    }

    static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }
}
