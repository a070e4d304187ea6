package dev.jvirt.bridgenet;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes TAP devices with {@code TUNSETIFF} on {@code /dev/net/tun}
 * ({@code IFF_TAP|IFF_NO_PI|IFF_VNET_HDR}, {@code IFF_MULTI_QUEUE} for several queues), then sets
 * their MAC and MTU, makes them bridge ports and brings them up with socket ioctls: no process
 * is started. A TAP is made in the calling thread's network namespace; on any failure nothing is
 * left (the descriptors are closed, so the TAP goes).
 */
public final class Taps {
    private static final Logger log = LoggerFactory.getLogger(Taps.class);
    static final String TUN = "/dev/net/tun";
    static final String VHOST_NET = "/dev/vhost-net";
    private static final int DEFAULT_MTU = 1500;

    private Taps() {
    }

    /**
     * Makes the TAP {@code req} asks for.
     *
     * @param what what the TAP is for, for messages (such as {@code interface net0 of guest web1})
     * @throws NetworkConfigException when the name is taken or the bridge does not exist
     * @throws NetworkException when the kernel refuses
     */
    public static TapDevice create(TapRequest req, String what) {
        String template = req.name() == null ? TapRequest.JVIRT_TEMPLATE : req.name();
        if (req.name() != null && indexOf(req.name()) > 0) {
            throw NetworkConfigException.nic(what, "target dev", "interface '" + req.name()
                    + "' already exists on the host; name another <target dev> or leave it out for jvirt's jvtapN");
        }
        int bridgeIndex = 0;
        if (req.bridge() != null) {
            bridgeIndex = indexOf(req.bridge());
            if (bridgeIndex <= 0) {
                throw NetworkConfigException.nic(what, "source bridge", "bridge '" + req.bridge() + "' does not exist");
            }
        }
        List<Integer> fds = new ArrayList<>();
        List<Integer> vhost = new ArrayList<>();
        boolean persisted = false;
        String name = template;
        try {
            name = openQueues(template, req.queues(), fds, what);
            if (req.persistent()) {
                if (req.ownerUid() != null) {
                    ioctlValue(fds.get(0), LinuxNet.TUNSETOWNER, req.ownerUid(), what, "set the owner of " + name);
                }
                ioctlValue(fds.get(0), LinuxNet.TUNSETPERSIST, 1, what, "make " + name + " persistent");
                persisted = true;
            }
            int mtu = configure(name, req, bridgeIndex, what);
            if (req.vhost()) {
                openVhost(req.queues(), vhost);
            }
            log.debug("TAP {} for {}: bridge {}, mtu {}, {} queue(s), vhost {}", name, what, req.bridge(), mtu,
                    req.queues(), !vhost.isEmpty());
            return new TapDevice(name, req.bridge(), mtu, req.persistent(), fds, vhost);
        } catch (RuntimeException e) {
            if (persisted) {
                unpersist(name, fds.get(0));
            }
            fds.forEach(TapDevice::quietClose);
            vhost.forEach(TapDevice::quietClose);
            throw e;
        }
    }

    /**
     * Opens a TAP that exists already and is not jvirt's ({@code <interface type='ethernet'>}
     * with {@code <target dev managed='no'>}): nothing about it is changed, and closing the
     * returned device only closes the descriptors.
     */
    public static TapDevice attach(String name, int queues, boolean vhost, String what) {
        if (indexOf(name) <= 0) {
            throw NetworkConfigException.nic(what, "target dev", "TAP '" + name + "' does not exist; create it first "
                    + "(ip tuntap add dev " + name + " mode tap" + (queues > 1 ? " multi_queue" : "") + ")");
        }
        List<Integer> fds = new ArrayList<>();
        List<Integer> vfds = new ArrayList<>();
        try {
            openQueues(name, queues, fds, what);
            if (vhost) {
                openVhost(queues, vfds);
            }
            int sock = socket(what);
            try {
                return new TapDevice(name, null, mtuOf(sock, name, what), false, fds, vfds);
            } finally {
                TapDevice.quietClose(sock);
            }
        } catch (RuntimeException e) {
            fds.forEach(TapDevice::quietClose);
            vfds.forEach(TapDevice::quietClose);
            throw e;
        }
    }

    /** One {@code TUNSETIFF}'d descriptor per queue into {@code fds}; returns the TAP's name. */
    private static String openQueues(String template, int queues, List<Integer> fds, String what) {
        short flags = (short) (LinuxNet.IFF_TAP | LinuxNet.IFF_NO_PI | LinuxNet.IFF_VNET_HDR
                | (queues > 1 ? LinuxNet.IFF_MULTI_QUEUE : 0));
        String name = null;
        for (int q = 0; q < queues; q++) {
            int fd = openDevice(TUN, what);
            fds.add(fd);
            String asked = name == null ? template : name;
            Memory ifr = LinuxNet.ifreq(asked);
            ifr.setShort(LinuxNet.IFNAMSIZ, flags);
            ioctl(fd, LinuxNet.TUNSETIFF, ifr, what, "make TAP " + asked + (queues > 1 ? " (queue " + q + ")" : ""));
            name = LinuxNet.ifname(ifr);
        }
        return name;
    }

    /** One vhost-net descriptor per queue into {@code fds}, or none where /dev/vhost-net does not open. */
    private static void openVhost(int queues, List<Integer> fds) {
        for (int q = 0; q < queues; q++) {
            int fd = tryOpen(VHOST_NET);
            if (fd < 0) {
                fds.forEach(TapDevice::quietClose);
                fds.clear();
                return;
            }
            fds.add(fd);
        }
    }

    /** MAC, MTU, bridge port, up: the MTU set. */
    private static int configure(String name, TapRequest req, int bridgeIndex, String what) {
        int sock = socket(what);
        try {
            if (req.guestMac() != null) {
                byte[] mac = HexFormat.ofDelimiter(":").parseHex(req.guestMac());
                mac[0] = (byte) 0xfe;
                Memory ifr = LinuxNet.ifreq(name);
                ifr.setShort(LinuxNet.IFNAMSIZ, LinuxNet.Netdevice.ARPHRD_ETHER);
                ifr.write(LinuxNet.IFNAMSIZ + 2, mac, 0, 6);
                ioctl(sock, LinuxNet.Netdevice.SIOCSIFHWADDR, ifr, what, "set the MAC of " + name);
            }
            int mtu = req.mtu() != null ? req.mtu() : req.bridge() != null ? mtuOf(sock, req.bridge(), what) : DEFAULT_MTU;
            Memory ifr = LinuxNet.ifreq(name);
            ifr.setInt(LinuxNet.IFNAMSIZ, mtu);
            ioctl(sock, LinuxNet.Netdevice.SIOCSIFMTU, ifr, what, "set MTU " + mtu + " on " + name);
            if (bridgeIndex > 0) {
                Memory br = LinuxNet.ifreq(req.bridge());
                br.setInt(LinuxNet.IFNAMSIZ, indexOf(sock, name));
                ioctl(sock, LinuxNet.Netdevice.SIOCBRADDIF, br, what, "add " + name + " to bridge " + req.bridge());
            }
            Memory f = LinuxNet.ifreq(name);
            ioctl(sock, LinuxNet.Netdevice.SIOCGIFFLAGS, f, what, "read the flags of " + name);
            f.setShort(LinuxNet.IFNAMSIZ, (short) (f.getShort(LinuxNet.IFNAMSIZ) | LinuxNet.Netdevice.IFF_UP));
            ioctl(sock, LinuxNet.Netdevice.SIOCSIFFLAGS, f, what, "bring " + name + " up");
            return mtu;
        } finally {
            TapDevice.quietClose(sock);
        }
    }

    /**
     * Removes a persistent TAP jvirt made for a guest that no longer runs (say, recorded by a
     * daemon that crashed): it is made non-persistent, and goes as nothing holds it. A TAP that a
     * running QEMU holds cannot be attached to and is left as it is (with a warning). Nothing
     * when there is no such interface. Never fails.
     */
    public static void releasePersistent(String name) {
        if (indexOf(name) > 0) {
            unpersist(name, null);
        }
    }

    /**
     * Takes away persistence from a TAP so that it goes with its last descriptor; {@code fd} is
     * an open descriptor of it, or null to attach to it by name. Never fails.
     */
    static void unpersist(String name, Integer fd) {
        int f = fd == null ? tryOpen(TUN) : fd;
        if (f < 0) {
            return;
        }
        try {
            if (fd == null) {
                Memory ifr = LinuxNet.ifreq(name);
                ifr.setShort(LinuxNet.IFNAMSIZ, (short) (LinuxNet.IFF_TAP | LinuxNet.IFF_NO_PI | LinuxNet.IFF_VNET_HDR));
                LinuxNet.C.ioctl(f, LinuxNet.TUNSETIFF, ifr);
            }
            LinuxNet.C.ioctl(f, LinuxNet.TUNSETPERSIST, null);
        } catch (LastErrorException | IllegalArgumentException e) {
            log.warn("could not make TAP {} non-persistent: {}", name, e instanceof LastErrorException l
                    ? LinuxNet.describe(l) : e.getMessage());
        } finally {
            if (fd == null) {
                TapDevice.quietClose(f);
            }
        }
    }

    /** The interface index of {@code name} in the calling thread's namespace, or 0 when there is none. */
    static int indexOf(String name) {
        int sock = socket(name);
        try {
            return indexOf(sock, name);
        } catch (NetworkException e) {
            return 0;
        } finally {
            TapDevice.quietClose(sock);
        }
    }

    private static int indexOf(int sock, String name) {
        Memory ifr = LinuxNet.ifreq(name);
        ioctl(sock, LinuxNet.Netdevice.SIOCGIFINDEX, ifr, name, "find interface " + name);
        return ifr.getInt(LinuxNet.IFNAMSIZ);
    }

    private static int mtuOf(int sock, String name, String what) {
        Memory ifr = LinuxNet.ifreq(name);
        ioctl(sock, LinuxNet.Netdevice.SIOCGIFMTU, ifr, what, "read the MTU of " + name);
        return ifr.getInt(LinuxNet.IFNAMSIZ);
    }

    private static int socket(String what) {
        try {
            return LinuxNet.C.socket(LinuxNet.AF_INET, LinuxNet.SOCK_DGRAM | LinuxNet.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new NetworkException(what + ": cannot open a socket for interface ioctls: " + LinuxNet.describe(e), e);
        }
    }

    private static int openDevice(String path, String what) {
        try {
            return LinuxNet.C.open(path, LinuxNet.O_RDWR | LinuxNet.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new NetworkException(what + ": cannot open " + path + ": " + LinuxNet.describe(e)
                    + (e.getErrorCode() == LinuxNet.ENOENT ? " (load the tun module: modprobe tun)" : ""), e);
        }
    }

    private static int tryOpen(String path) {
        try {
            return LinuxNet.C.open(path, LinuxNet.O_RDWR | LinuxNet.O_CLOEXEC);
        } catch (LastErrorException e) {
            log.debug("{} does not open: {}", path, LinuxNet.describe(e));
            return -1;
        }
    }

    private static void ioctl(int fd, long request, Memory arg, String what, String doing) {
        try {
            LinuxNet.C.ioctl(fd, request, arg);
        } catch (LastErrorException e) {
            throw new NetworkException(what + ": cannot " + doing + ": " + LinuxNet.describe(e), e);
        }
    }

    private static void ioctlValue(int fd, long request, int value, String what, String doing) {
        try {
            LinuxNet.C.ioctl(fd, request, new com.sun.jna.Pointer(value));
        } catch (LastErrorException e) {
            throw new NetworkException(what + ": cannot " + doing + ": " + LinuxNet.describe(e), e);
        }
    }
}
