package dev.jvirt.console.hub;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The few Linux calls the hub makes that Java has no API for (FIFOs, epoll, eventfd), through JNA. */
interface LinuxIo extends Library {
    LinuxIo C = Native.load("c", LinuxIo.class);

    int O_RDONLY = 0;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;
    int EFD_NONBLOCK = 0x800;
    int EFD_CLOEXEC = 0x80000;
    int EPOLL_CLOEXEC = 0x80000;
    int EPOLL_CTL_ADD = 1;
    int EPOLL_CTL_DEL = 2;
    int EPOLL_CTL_MOD = 3;
    int EPOLLIN = 0x001;
    int EPOLLERR = 0x008;
    int EPOLLHUP = 0x010;
    int EPOLLONESHOT = 1 << 30;
    /** sizeof(struct epoll_event) on x86-64, where it is packed: u32 events, u64 data. */
    int EPOLL_EVENT_BYTES = 12;
    int EAGAIN = 11;
    int EINTR = 4;

    int mkfifo(String path, int mode) throws LastErrorException;

    int open(String path, int flags) throws LastErrorException;

    long read(int fd, Pointer buf, long count) throws LastErrorException;

    long write(int fd, Pointer buf, long count) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int epoll_create1(int flags) throws LastErrorException;

    int epoll_ctl(int epfd, int op, int fd, Pointer event) throws LastErrorException;

    int epoll_wait(int epfd, Pointer events, int maxevents, int timeout) throws LastErrorException;

    int eventfd(int initval, int flags) throws LastErrorException;
}
