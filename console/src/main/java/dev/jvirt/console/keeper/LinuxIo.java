package dev.jvirt.console.keeper;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * The Linux calls the keeper makes that Java has no API for, through JNA: FIFOs, epoll, eventfd,
 * and unix sockets as plain descriptors (so that the one {@link Poller} can watch them beside the
 * FIFOs: Java's own socket channels cannot be put in an epoll set of ours).
 */
interface LinuxIo extends Library {
    LinuxIo C = Native.load("c", LinuxIo.class);

    int O_RDONLY = 0;
    int O_RDWR = 2;
    int O_NONBLOCK = 0x800;
    int O_NOFOLLOW = 0x20000;
    int O_CLOEXEC = 0x80000;
    int EFD_NONBLOCK = 0x800;
    int EFD_CLOEXEC = 0x80000;
    int EPOLL_CLOEXEC = 0x80000;
    int EPOLL_CTL_ADD = 1;
    int EPOLL_CTL_DEL = 2;
    int EPOLL_CTL_MOD = 3;
    int EPOLLIN = 0x001;
    int EPOLLOUT = 0x004;
    int EPOLLERR = 0x008;
    int EPOLLHUP = 0x010;
    /** sizeof(struct epoll_event) on x86-64, where it is packed: u32 events, u64 data. */
    int EPOLL_EVENT_BYTES = 12;
    int EAGAIN = 11;
    int EINTR = 4;
    int EPIPE = 32;
    int ENOENT = 2;
    int ECONNREFUSED = 111;

    int AF_UNIX = 1;
    int SOCK_STREAM = 1;
    int SOCK_NONBLOCK = 0x800;
    int SOCK_CLOEXEC = 0x80000;
    int SOL_SOCKET = 1;
    int SO_PEERCRED = 17;
    int F_SETFL = 4;
    /** MSG_NOSIGNAL: a write to a closed peer fails with EPIPE instead of raising SIGPIPE. */
    int MSG_NOSIGNAL = 0x4000;
    int SUN_PATH_MAX = 107;

    int mkfifo(String path, int mode) throws LastErrorException;

    int open(String path, int flags) throws LastErrorException;

    long read(int fd, Pointer buf, long count) throws LastErrorException;

    long write(int fd, Pointer buf, long count) throws LastErrorException;

    long send(int fd, Pointer buf, long count, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int epoll_create1(int flags) throws LastErrorException;

    int epoll_ctl(int epfd, int op, int fd, Pointer event) throws LastErrorException;

    int epoll_wait(int epfd, Pointer events, int maxevents, int timeout) throws LastErrorException;

    int eventfd(int initval, int flags) throws LastErrorException;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, Pointer addr, int len) throws LastErrorException;

    int listen(int fd, int backlog) throws LastErrorException;

    int accept4(int fd, Pointer addr, Pointer len, int flags) throws LastErrorException;

    int connect(int fd, Pointer addr, int len) throws LastErrorException;

    int getsockopt(int fd, int level, int name, Pointer value, Pointer len) throws LastErrorException;

    int fcntl(int fd, int cmd, int arg) throws LastErrorException;

    int umask(int mask);

    int getuid();

    int setsid() throws LastErrorException;

    /** A {@code struct sockaddr_un} for {@code path}; its length is {@link #sockaddrLength}. */
    static Memory sockaddr(String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > SUN_PATH_MAX) {
            throw new IllegalArgumentException("unix socket path longer than " + SUN_PATH_MAX + " bytes: " + path);
        }
        Memory m = new Memory(2 + SUN_PATH_MAX + 1);
        m.clear();
        m.setShort(0, (short) AF_UNIX);
        m.write(2, bytes, 0, bytes.length);
        return m;
    }

    static int sockaddrLength(String path) {
        return 2 + path.getBytes(StandardCharsets.UTF_8).length + 1;
    }

    /** The peer's uid of a connected unix socket ({@code SO_PEERCRED}: pid, uid, gid), or -1. */
    static int peerUid(int fd) {
        Memory cred = new Memory(12);
        Memory len = new Memory(4);
        len.setInt(0, 12);
        try {
            C.getsockopt(fd, SOL_SOCKET, SO_PEERCRED, cred, len);
            return cred.getInt(4);
        } catch (LastErrorException e) {
            return -1;
        }
    }
}
