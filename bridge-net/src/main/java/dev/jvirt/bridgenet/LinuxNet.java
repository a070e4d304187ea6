package dev.jvirt.bridgenet;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * The Linux calls TAP devices need that Java has no API for ({@code open}, {@code ioctl} on
 * {@code /dev/net/tun} and on a socket), through JNA. Every call works in the calling thread's
 * network namespace.
 */
interface LinuxNet extends Library {
    LinuxNet C = Native.load("c", LinuxNet.class);

    /** {@code _IOW('T', nr, int)}: write direction, a 4-byte argument, type 'T'. */
    private static long tunIoctl(int nr) {
        return (1L << 30) | (4L << 16) | ('T' << 8) | nr;
    }

    int O_RDWR = 2;
    int O_CLOEXEC = 0x80000;
    int AF_INET = 2;
    int SOCK_DGRAM = 2;
    int SOCK_CLOEXEC = 0x80000;

    int ENOENT = 2;
    int ENODEV = 19;

    /** {@code struct ifreq}: a 16-byte name, then a 24-byte union. */
    int IFREQ_BYTES = 40;
    int IFNAMSIZ = 16;

    /** The tun driver's ioctls, {@code _IOW('T', nr, int)} as linux/if_tun.h defines them. */
    long TUNSETIFF = tunIoctl(202);
    long TUNSETPERSIST = tunIoctl(203);
    long TUNSETOWNER = tunIoctl(204);
    short IFF_TAP = 0x0002;
    short IFF_NO_PI = 0x1000;
    short IFF_VNET_HDR = 0x4000;
    short IFF_MULTI_QUEUE = 0x0100;

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int ioctl(int fd, long request, Pointer arg) throws LastErrorException;

    String strerror(int errnum);

    int kill(int pid, int sig) throws LastErrorException;

    /** A zeroed {@code struct ifreq} naming {@code name}. */
    static Memory ifreq(String name) {
        Memory m = new Memory(IFREQ_BYTES);
        m.clear();
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        if (b.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name '" + name + "' is longer than 15 characters");
        }
        m.write(0, b, 0, b.length);
        return m;
    }

    /** The name in a {@code struct ifreq}. */
    static String ifname(Memory ifr) {
        return ifr.getString(0, StandardCharsets.US_ASCII.name());
    }

    /** The person's words for a failed call. */
    static String describe(LastErrorException e) {
        return C.strerror(e.getErrorCode());
    }

    /** netdevice(7): the ioctls on a socket that configure a network interface by name. */
    interface Netdevice {
        long SIOCGIFFLAGS = 0x8913;
        long SIOCSIFFLAGS = 0x8914;
        long SIOCGIFMTU = 0x8921;
        long SIOCSIFMTU = 0x8922;
        long SIOCSIFHWADDR = 0x8924;
        long SIOCGIFINDEX = 0x8933;
        long SIOCBRADDIF = 0x89a2;
        short IFF_UP = 0x1;
        short ARPHRD_ETHER = 1;
    }
}
