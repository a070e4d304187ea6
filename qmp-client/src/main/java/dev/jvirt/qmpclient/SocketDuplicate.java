package dev.jvirt.qmpclient;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.netty.buffer.ByteBuf;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A second descriptor for a connection's socket ({@code fcntl(F_DUPFD_CLOEXEC)}), owned by the
 * client rather than by Netty, so that threads other than the event loop may write on it.
 *
 * <p>Why not Netty's own descriptor: Netty closes it on the event loop whenever it decides to
 * (peer gone, read error), without any lock a writer could hold. A writer on another thread
 * could then write into whatever file next reuses that descriptor number. This duplicate is
 * closed only by {@link #close()}, under the same lock as the writes ({@link CommandWriter}).
 * It shares the socket's open file description: the same byte stream, the same non-blocking
 * flag, the same send buffer. Not thread-safe by itself.
 */
final class SocketDuplicate implements AutoCloseable {
    private static final int F_DUPFD_CLOEXEC = 1030;

    /** {@code fcntl} is variadic: an interface mapping lets JNA call it as one. */
    private interface Libc extends Library {
        Libc INSTANCE = Native.load("c", Libc.class);

        int fcntl(int fd, int command, Object... arguments) throws LastErrorException;
    }

    private final FileDescriptor fd;

    private SocketDuplicate(int fd) {
        this.fd = new FileDescriptor(fd);
    }

    /** Duplicates {@code socket} (close-on-exec, so no child process inherits it). */
    static SocketDuplicate of(int socket) {
        try {
            return new SocketDuplicate(Libc.INSTANCE.fcntl(socket, F_DUPFD_CLOEXEC, 0));
        } catch (LastErrorException e) {
            throw new QmpConnectException("could not duplicate the QMP socket's descriptor " + socket
                    + ": errno " + e.getErrorCode(), e);
        }
    }

    /**
     * Writes as much of {@code buf}'s readable bytes as the socket takes now, without blocking,
     * and advances its reader index by that much.
     *
     * @return how many bytes were written; 0 when the send buffer is full
     * @throws IOException when the connection is broken (e.g. QEMU has gone)
     */
    int write(ByteBuf buf) throws IOException {
        int written;
        if (buf.hasMemoryAddress()) {
            written = fd.writeAddress(buf.memoryAddress(), buf.readerIndex(), buf.writerIndex());
        } else if (buf.isDirect() && buf.nioBufferCount() == 1) {
            ByteBuffer nio = buf.internalNioBuffer(buf.readerIndex(), buf.readableBytes());
            written = fd.write(nio, nio.position(), nio.limit());
        } else {
            ByteBuffer copy = ByteBuffer.allocateDirect(buf.readableBytes());
            buf.getBytes(buf.readerIndex(), copy);
            copy.flip();
            written = fd.write(copy, 0, copy.limit());
        }
        buf.skipBytes(written);
        return written;
    }

    /** {@link FdPassing#send} on this descriptor. */
    int sendWithFd(byte[] data, int passed) {
        return FdPassing.send(fd.intValue(), data, passed);
    }

    @Override
    public void close() throws IOException {
        fd.close();
    }
}
