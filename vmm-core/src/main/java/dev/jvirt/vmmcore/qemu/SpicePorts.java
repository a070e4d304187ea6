package dev.jvirt.vmmcore.qemu;

import dev.jvirt.domainxml.domain.Devices;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.Graphics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Ports for SPICE displays with {@code autoport} (or no port): QEMU cannot choose one itself, so
 * the driver does at start, as libvirt does, taking the first port from 5900 that nothing listens
 * on at the display's address, and writes it into the definition the guest runs with (its live
 * XML shows it). A {@code tlsPort='-1'} gets one too; VNC needs none (QEMU picks its display with
 * {@code to=}). Another process may take a port between the check and QEMU's bind; QEMU then
 * fails with its own message and the start is undone.
 */
public final class SpicePorts {

    static final int FIRST = 5900;
    static final int LAST = 65535;

    private SpicePorts() {}

    /** The definition with every automatic SPICE port chosen; the same definition when there is none. */
    public static Domain assign(Domain def) {
        List<Graphics> in = def.devices().graphics();
        if (in.stream().noneMatch(SpicePorts::needsPort)) {
            return def;
        }
        Set<Integer> taken = new HashSet<>();
        List<Graphics> out = new ArrayList<>();
        for (Graphics g : in) {
            if (!needsPort(g)) {
                out.add(g);
                continue;
            }
            String address = address(g);
            Integer port = g.port() == null || g.port() <= 0 ? Integer.valueOf(free(address, taken)) : g.port();
            Integer tls = g.tlsPort() != null && g.tlsPort() <= 0 ? Integer.valueOf(free(address, taken)) : g.tlsPort();
            out.add(new Graphics(g.type(), port, g.autoport(), g.listen(), g.passwd(), g.keymap(), g.listens(),
                    g.imageCompression(), g.glEnable(), tls, g.defaultMode(), g.channels(), g.extras()));
        }
        Devices.Builder b = def.devices().toBuilder();
        b.graphics = out;
        return def.withDevices(b.build());
    }

    private static boolean needsPort(Graphics g) {
        return "spice".equals(g.type()) && (g.port() == null || g.port() <= 0 || g.tlsPort() != null && g.tlsPort() <= 0);
    }

    private static String address(Graphics g) {
        if (!g.listens().isEmpty() && g.listens().get(0).address() != null) {
            return g.listens().get(0).address();
        }
        return g.listen() != null ? g.listen() : "127.0.0.1";
    }

    private static int free(String address, Set<Integer> taken) {
        for (int p = FIRST; p <= LAST; p++) {
            if (taken.contains(p)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getByName(address), p));
                taken.add(p);
                return p;
            } catch (IOException inUse) {
                // next one
            }
        }
        throw new IllegalStateException("no free TCP port for SPICE on " + address + " from " + FIRST + " to " + LAST);
    }
}
