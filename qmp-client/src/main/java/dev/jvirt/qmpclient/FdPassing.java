package dev.jvirt.qmpclient;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * {@code sendmsg(2)} with one {@code SCM_RIGHTS} descriptor riding on the command's own bytes,
 * as libvirt and QEMU's Python library do. (Netty's {@code FileDescriptor} write sends its
 * descriptor with one stray, uninitialised data byte, which QEMU would parse as JSON.)
 * Linux x86-64 layouts; only ever called on the connection's event loop.
 */
final class FdPassing {
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;
    static final int EAGAIN = 11;
    static final int EINTR = 4;

    private static final int MSGHDR_SIZE = 56;
    private static final int IOVEC_SIZE = 16;
    private static final int CMSG_LEN = 16 + 4;
    private static final int CMSG_SPACE = 24;

    static {
        Native.register("c");
    }

    private FdPassing() {
    }

    private static native long sendmsg(int socket, Pointer message, int flags) throws LastErrorException;

    /**
     * Sends {@code data} on {@code socket} with {@code fd} attached.
     *
     * @return how many bytes of {@code data} were sent (at least 1, the descriptor went with them)
     * @throws LastErrorException with the errno, e.g. {@link #EAGAIN} when the socket is full
     */
    static int send(int socket, byte[] data, int fd) {
        try (Memory memory = new Memory(MSGHDR_SIZE + IOVEC_SIZE + CMSG_SPACE + data.length)) {
            memory.clear();
            Pointer msghdr = memory.share(0);
            Pointer iovec = memory.share(MSGHDR_SIZE);
            Pointer cmsg = memory.share(MSGHDR_SIZE + IOVEC_SIZE);
            Pointer bytes = memory.share(MSGHDR_SIZE + IOVEC_SIZE + CMSG_SPACE);
            bytes.write(0, data, 0, data.length);

            iovec.setPointer(0, bytes);
            iovec.setLong(8, data.length);

            cmsg.setLong(0, CMSG_LEN);
            cmsg.setInt(8, SOL_SOCKET);
            cmsg.setInt(12, SCM_RIGHTS);
            cmsg.setInt(16, fd);

            msghdr.setPointer(16, iovec);
            msghdr.setLong(24, 1);
            msghdr.setPointer(32, cmsg);
            msghdr.setLong(40, CMSG_SPACE);

            while (true) {
                try {
                    return (int) sendmsg(socket, msghdr, MSG_DONTWAIT | MSG_NOSIGNAL);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != EINTR) {
                        throw e;
                    }
                }
            }
        }
    }
}
