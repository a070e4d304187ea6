package dev.jvirt.console.hub;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The FIFOs behind a serial console, made and held by the daemon: QEMU's {@code file} chardev
 * writes the guest's output into {@code BASE.out} and reads its input from {@code BASE.in}. The
 * daemon swaps them in with QMP {@code chardev-change} (QEMU 7.2 has no {@code in=} for
 * {@code -chardev file} on its command line), before {@code cont} and again after a restart.
 *
 * <p>Why FIFOs this way round: the 16550 writes one byte per {@code write(2)}. A FIFO buffers
 * 64 KiB of them, so the hub can read in batches and the guest prints as fast as into a plain
 * file. QEMU opens only the write end of {@code .out}: when the daemon is gone nobody reads, its
 * writes fail with EPIPE and the byte is dropped, so the guest never waits on a dead daemon. (A
 * {@code pipe} chardev opens both ends itself and would stall the guest once 64 KiB wait.)
 *
 * <p>Opening order, so that neither side ever blocks in {@code open(2)}: {@link #create} opens
 * both FIFOs read-write; QEMU then opens its ends; {@link #link} reopens {@code .out} read-only
 * and drops the read-write end, so that QEMU's exit reads as end of stream. {@code .in} stays
 * read-write: QEMU sees its end of input only when the daemon is gone.
 */
public final class ConsoleFifos implements AutoCloseable {

    private final ConsoleEndpoint.Fifos endpoint;
    private final FileChannel in;
    private FileChannel outReadWrite;
    private boolean linked;

    private ConsoleFifos(ConsoleEndpoint.Fifos endpoint, FileChannel in, FileChannel outReadWrite) {
        this.endpoint = endpoint;
        this.in = in;
        this.outReadWrite = outReadWrite;
    }

    /**
     * Makes {@code base.in} and {@code base.out} (mode 0600; leftovers of an earlier daemon, which
     * QEMU may still hold, are replaced) and opens them.
     */
    public static ConsoleFifos create(Path base) throws IOException {
        ConsoleEndpoint.Fifos endpoint = new ConsoleEndpoint.Fifos(base);
        for (Path fifo : new Path[] {endpoint.toGuest(), endpoint.fromGuest()}) {
            Files.deleteIfExists(fifo);
            mkfifo(fifo);
        }
        FileChannel in = FileChannel.open(endpoint.toGuest(), StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            return new ConsoleFifos(endpoint, in,
                    FileChannel.open(endpoint.fromGuest(), StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    public ConsoleEndpoint.Fifos endpoint() {
        return endpoint;
    }

    /** Where QEMU reads the guest's input (the chardev's {@code in}). */
    public Path toGuest() {
        return endpoint.toGuest();
    }

    /** Where QEMU writes the guest's output (the chardev's {@code out}). */
    public Path fromGuest() {
        return endpoint.fromGuest();
    }

    /**
     * Once QEMU holds its ends: the hub's link (the output read by the shared {@link ConsolePoller},
     * read-only; the input written read-write). Once only.
     */
    GuestLink link(String domain) throws IOException {
        if (linked) {
            throw new IllegalStateException("the console FIFOs " + endpoint + " are already linked");
        }
        GuestOutput out = ConsolePoller.shared().open(endpoint.fromGuest(), domain);
        linked = true;
        outReadWrite.close();
        outReadWrite = null;
        return new GuestLink(out, in);
    }

    /**
     * Closes what no link took over (QEMU's ends of the FIFOs stay as they are). Never fails:
     * there is nothing a caller could do about a FIFO that does not close.
     */
    @Override
    public void close() {
        if (!linked) {
            closeQuietly(in);
            closeQuietly(outReadWrite);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // a FIFO's descriptor is released all the same
        }
    }

    /**
     * A FIFO 0600, then 0660 with its directory's group: where the daemon gives a guest's runtime
     * directory to QEMU's group (system mode, QEMU unprivileged), QEMU can open its FIFOs, and
     * where the directory is private (0700) nothing changes for anyone else.
     */
    private static void mkfifo(Path path) throws IOException {
        mkfifo0600(path);
        try {
            Object gid = Files.getAttribute(path.toAbsolutePath().getParent(), "unix:gid");
            Files.setAttribute(path, "unix:gid", gid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        } catch (IOException | UnsupportedOperationException e) {
            // not allowed to give it that group: it stays 0600, the daemon's alone
        }
    }

    private static void mkfifo0600(Path path) throws IOException {
        try {
            LinuxIo.C.mkfifo(path.toString(), 0600);
        } catch (LastErrorException e) {
            throw new IOException("cannot make the FIFO " + path + ": errno " + e.getErrorCode(), e);
        } catch (UnsatisfiedLinkError e) {
            throw new IOException("cannot make the FIFO " + path + ": libc not reachable through JNA: " + e.getMessage(), e);
        }
    }
}
