package dev.jvirt.bridgenet;

import com.sun.jna.LastErrorException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TAP device jvirt made, with the descriptors to hand to QEMU ({@code -netdev tap,fd=} or
 * {@code fds=} for several queues, {@code vhostfd=}/{@code vhostfds=}). Once QEMU holds its own
 * copies, {@link #releaseDescriptors()} closes these; {@link #close()} undoes the TAP.
 */
public final class TapDevice implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TapDevice.class);

    private final String name;
    private final String bridge;
    private final int mtu;
    private final boolean persistent;
    private final List<Integer> fds;
    private final List<Integer> vhostFds;
    private boolean released;
    private boolean closed;

    TapDevice(String name, String bridge, int mtu, boolean persistent, List<Integer> fds, List<Integer> vhostFds) {
        this.name = name;
        this.bridge = bridge;
        this.mtu = mtu;
        this.persistent = persistent;
        this.fds = List.copyOf(fds);
        this.vhostFds = List.copyOf(vhostFds);
    }

    /** The device name, such as {@code jvtap0}. */
    public String name() {
        return name;
    }

    /** The bridge it is a port of, or null. */
    public String bridge() {
        return bridge;
    }

    public int mtu() {
        return mtu;
    }

    public boolean persistent() {
        return persistent;
    }

    /** One TAP descriptor per queue (this process's numbers); empty once released. */
    public synchronized List<Integer> fds() {
        return released ? List.of() : fds;
    }

    /** One {@code /dev/vhost-net} descriptor per queue, or empty where vhost-net does not open. */
    public synchronized List<Integer> vhostFds() {
        return released ? List.of() : vhostFds;
    }

    /**
     * Closes this process's descriptors (QEMU has its own copies by now). A non-persistent TAP
     * stays while QEMU holds it and goes when QEMU exits, however it exits.
     */
    public synchronized void releaseDescriptors() {
        if (released) {
            return;
        }
        released = true;
        closeAll();
    }

    /**
     * Undoes the TAP: a persistent one is deleted; a non-persistent one goes with the last
     * descriptor (this process's are closed here). Never fails; idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (persistent) {
            Taps.unpersist(name, released ? null : fds.get(0));
        }
        releaseDescriptors();
    }

    private void closeAll() {
        for (int fd : fds) {
            quietClose(fd);
        }
        for (int fd : vhostFds) {
            quietClose(fd);
        }
    }

    static void quietClose(int fd) {
        try {
            LinuxNet.C.close(fd);
        } catch (LastErrorException e) {
            log.debug("close({}): {}", fd, LinuxNet.describe(e));
        }
    }

    @Override
    public String toString() {
        return "TAP " + name + (bridge == null ? "" : " on " + bridge) + " fds=" + fds + " vhostfds=" + vhostFds;
    }
}
