package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.NetInterface;
import java.util.List;

/**
 * A NIC: its {@code -netdev} (user-mode; a {@code stream} to the {@code passt} the driver started,
 * for {@code <backend type='passt'/>}; or a TAP the driver prepared — see {@link NetBackend})
 * and its device ({@code virtio-net-pci}, {@code e1000}, {@code e1000e}, {@code rtl8139}). The
 * n-th interface is {@code net<n>} on backend {@code hostnet<n>}.
 *
 * <p>{@code <link state='down'/>} is not a device property: the driver applies it with QMP
 * {@code set_link} before {@code cont}.
 */
final class NetDevices {

    private NetDevices() {}

    static DeviceSpec spec(BuildContext ctx, NetInterface n, int index) {
        String id = DeviceIds.net(index);
        String what = "interface " + index + " (" + id + ", type " + n.type() + ")";
        int queues = n.driverQueues() == null ? 1 : n.driverQueues();
        ObjectNode netdev = netdev(ctx, n, index, what, queues);
        ObjectNode dev = Json.object();
        String model = n.model() == null ? "virtio" : n.model();
        String driver = switch (model) {
            case "virtio" -> "virtio-net-pci";
            case "e1000", "e1000e", "rtl8139" -> model;
            default -> throw new CommandLineException(what, "model '" + model + "' is not supported; use virtio, e1000, e1000e or rtl8139");
        };
        dev.put("driver", driver);
        if (queues > 1) {
            if (!"virtio".equals(model)) {
                throw new CommandLineException(what, "multiple queues need model virtio");
            }
            dev.put("mq", true);
            dev.put("vectors", 2 * queues + 2);
        }
        dev.put("netdev", DeviceIds.hostnet(index));
        dev.put("id", id);
        if (n.mac() != null) {
            dev.put("mac", n.mac());
        }
        if (n.mtu() != null) {
            if (!"virtio".equals(model)) {
                throw new CommandLineException(what, "<mtu> needs model virtio");
            }
            dev.put("host_mtu", n.mtu());
        }
        ctx.placePci(dev, n.address(), what);
        Integer boot = ctx.boot.of(n);
        if (boot != null) {
            dev.put("bootindex", boot);
        }
        ctx.requireDeviceType(driver, what);
        return new DeviceSpec(id, List.of(new Backend.Netdev(netdev)), dev);
    }

    private static ObjectNode netdev(BuildContext ctx, NetInterface n, int index, String what, int queues) {
        String id = DeviceIds.net(index);
        ObjectNode o = Json.object();
        String type = n.type() == null ? "" : n.type();
        switch (type) {
            case "user" -> {
                if (n.passt()) {
                    // libvirt's form: passt listens on the socket the driver started it with, QEMU connects
                    o.put("type", "stream");
                    ObjectNode addr = o.putObject("addr");
                    addr.put("type", "unix");
                    addr.put("path", CharBackends.socketPath(ctx.paths.passtSocket(id).toString(), what));
                    o.put("server", false);
                } else {
                    o.put("type", "user");
                }
            }
            case "network", "bridge", "ethernet", "direct" -> {
                NetBackend b = ctx.options.netBackends().get(id);
                if (b == null) {
                    throw new CommandLineException(what, "needs a TAP prepared by the driver (LaunchOptions.netBackends has none for " + id + ")");
                }
                boolean vhost = "vhost".equals(n.driverName());
                o.put("type", "tap");
                if (b instanceof NetBackend.TapName t) {
                    if ("direct".equals(type)) {
                        throw new CommandLineException(what, "a macvtap must be passed as a file descriptor, not by name");
                    }
                    o.put("ifname", t.ifname());
                    o.put("script", "no");
                    o.put("downscript", "no");
                    if (vhost) {
                        o.put("vhost", true);
                    }
                } else if (b instanceof NetBackend.MonitorFd m) {
                    if (queues > 1) {
                        throw new CommandLineException(what, "multiple queues need one TAP descriptor each; pass the TAP by name instead");
                    }
                    o.put("fd", m.fdName());
                    if (m.vhostFdName() != null) {
                        o.put("vhost", true);
                        o.put("vhostfd", m.vhostFdName());
                    } else if (vhost) {
                        o.put("vhost", true);
                    }
                } else if (b instanceof NetBackend.TapFd f) {
                    if (queues > 1) {
                        throw new CommandLineException(what, "multiple queues need one TAP descriptor each; pass the TAP by name instead");
                    }
                    o.put("fd", Integer.toString(f.fd()));
                    if (f.vhostFd() != null) {
                        o.put("vhost", true);
                        o.put("vhostfd", Integer.toString(f.vhostFd()));
                    } else if (vhost) {
                        o.put("vhost", true);
                    }
                }
                if (queues > 1) {
                    o.put("queues", queues);
                }
            }
            default -> throw new CommandLineException(what, "interface type '" + type + "' is not supported; use user, network, bridge, ethernet or direct");
        }
        if ("user".equals(type) && queues > 1) {
            throw new CommandLineException(what, "user-mode networking has one queue");
        }
        o.put("id", DeviceIds.hostnet(index));
        return o;
    }
}
