package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.domainxml.domain.Devices;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainDefaults;
import dev.jvirt.domainxml.domain.NetInterface;
import dev.jvirt.qmpclient.QmpConnection;
import dev.jvirt.vmmcore.GuestControlException;
import dev.jvirt.vmmcore.InvalidArgumentException;
import dev.jvirt.vmmcore.StartFailedException;
import dev.jvirt.vmmcore.host.HostBackends;
import dev.jvirt.vmmcore.host.NetworkBackend;
import dev.jvirt.vmmcore.host.Prepared;
import dev.jvirt.vmmcore.qemu.argv.CommandLineBuilder;
import dev.jvirt.vmmcore.qemu.argv.CommandLinePlan;
import dev.jvirt.vmmcore.qemu.argv.DeviceIds;
import dev.jvirt.vmmcore.qemu.argv.LaunchOptions;
import dev.jvirt.vmmcore.qemu.argv.NetBackend;
import dev.jvirt.vmmcore.qemu.argv.QmpCommand;
import dev.jvirt.vmmcore.store.RuntimeStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hot-plugs a NIC into a running guest (attach-interface --live): the NIC's defaults (MAC, PCI
 * address) filled as a define would, its TAP from the registered backend, the descriptors handed
 * to QEMU with {@code getfd}, then {@code netdev_add} and {@code device_add} with the very
 * properties the command line would have given it ({@link CommandLinePlan#hotplug}). The live
 * definition and {@code live.xml} get the NIC; its TAP is released with the guest's others.
 */
public final class NicHotplug {
    private final HostBackends backends;
    private final CommandLineBuilder commandLine;
    private final GuestStarter starter;
    private final RuntimeStore runtime;
    private final DomainDefinitions xml;

    public NicHotplug(HostBackends backends, CommandLineBuilder commandLine, GuestStarter starter, RuntimeStore runtime,
               DomainDefinitions xml) {
        this.backends = backends;
        this.commandLine = commandLine;
        this.starter = starter;
        this.runtime = runtime;
        this.xml = xml;
    }

    /** Attaches {@code nic} to running guest {@code g} of domain {@code name}; answers the NIC as the guest has it. */
    public NetInterface attach(String name, RunningGuest g, NetInterface nic) {
        NetworkBackend backend = backends.network(nic.type()).orElseThrow(() -> new InvalidArgumentException(
                "an interface of type '" + nic.type() + "' cannot be attached; use type network or bridge"));
        Domain live = g.live();
        int index = live.devices().interfaces().size();
        String id = DeviceIds.net(index);
        Domain with = DomainDefaults.fill(withNic(live, nic, index));
        NetInterface filled = with.devices().interfaces().get(index);
        Prepared<NetworkBackend.Tap> tap;
        try {
            tap = backend.prepare(name, id, filled);
        } catch (StartFailedException e) {
            throw e;
        } catch (Exception e) {
            throw new GuestControlException("cannot prepare interface " + id + " of domain '" + name + "': "
                    + e.getMessage(), e);
        }
        try {
            NetworkBackend.Tap t = tap.value();
            if (t.fd() < 0) {
                throw new InvalidArgumentException("a multiqueue interface cannot be attached to a running guest");
            }
            QmpConnection qmp = g.qmp();
            String fdName = "fd-" + id;
            String vhostName = t.vhostFd() >= 0 ? "vhostfd-" + id : null;
            qmp.executeWithFd("getfd", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("fdname", fdName), t.fd())
                    .get(10, TimeUnit.SECONDS);
            if (vhostName != null) {
                qmp.executeWithFd("getfd", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("fdname", vhostName), t.vhostFd())
                        .get(10, TimeUnit.SECONDS);
            }
            LaunchOptions options = LaunchOptions.defaults();
            List<NetInterface> nics = with.devices().interfaces();
            for (int i = 0; i < nics.size(); i++) {
                if (i != index && !"user".equals(nics.get(i).type())) {
                    options = options.withNetBackend(DeviceIds.net(i), new NetBackend.TapFd(3 + i, null)); // as started; unused here
                }
            }
            options = options.withNetBackend(id, new NetBackend.MonitorFd(fdName, vhostName));
            CommandLinePlan plan = commandLine.plan(with, starter.capabilities(name), g.paths(), options);
            for (QmpCommand c : plan.hotplug(id)) {
                qmp.execute(c.execute(), c.arguments()).get(30, TimeUnit.SECONDS);
            }
        } catch (RuntimeException | Error e) {
            release(tap);
            throw e;
        } catch (Exception e) {
            release(tap);
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new GuestControlException("cannot attach interface " + id + " to domain '" + name + "': "
                    + cause.getMessage(), cause);
        }
        g.hotplugged(key(filled.mac()), tap.release());
        NetInterface attached = filled.withTargetDev(tap.value().ifname());
        Domain newLive = withNic(live, attached, index);
        g.live(newLive);
        try {
            runtime.writeLiveXml(g.paths(), xml.format(newLive));
        } catch (java.io.IOException e) {
            throw new GuestControlException("interface " + id + " was attached to domain '" + name
                    + "', but its live definition could not be written: " + e.getMessage(), e);
        }
        return attached;
    }

    /**
     * The index of the NIC {@code detach-interface TYPE [--mac MAC]} means, as virsh finds it: the
     * one with that MAC (and type), else the domain's only NIC of that type; virsh's words otherwise.
     */
    public static int find(List<NetInterface> nics, String type, String mac) {
        int found = -1;
        int ofType = 0;
        for (int i = 0; i < nics.size(); i++) {
            NetInterface n = nics.get(i);
            if (!type.equals(n.type())) {
                continue;
            }
            ofType++;
            if (mac == null ? found < 0 : mac.equalsIgnoreCase(n.mac())) {
                found = i;
            }
        }
        if (mac != null && found < 0) {
            throw new InvalidArgumentException("No interface with MAC address " + mac + " was found");
        }
        if (ofType == 0) {
            throw new InvalidArgumentException("No interface found whose type is " + type);
        }
        if (mac == null && ofType > 1) {
            throw new InvalidArgumentException("Domain has " + ofType + " interfaces. Please specify which one to detach using --mac");
        }
        return found;
    }

    /** {@code d} without its {@code index}th NIC. */
    public static Domain withoutNic(Domain d, int index) {
        List<NetInterface> nics = new ArrayList<>(d.devices().interfaces());
        nics.remove(index);
        Devices.Builder b = d.devices().toBuilder();
        b.interfaces = nics;
        return d.withDevices(b.build());
    }

    /** {@code d} with {@code nic} added last (attach-interface --config; defaults are filled by the define). */
    public static Domain withNic(Domain d, NetInterface nic) {
        List<NetInterface> nics = new ArrayList<>(d.devices().interfaces());
        nics.add(nic);
        Devices.Builder b = d.devices().toBuilder();
        b.interfaces = nics;
        return d.withDevices(b.build());
    }

    /**
     * Unplugs NIC {@code index} of running guest {@code g}: {@code device_del}, the guest's
     * {@code DEVICE_DELETED}, {@code netdev_del}, then its TAP released when it was hot-plugged (a TAP
     * from the start goes when the guest stops). jvirt names a running guest's NICs by their position
     * ({@code net0}, {@code net1}, ...: the ids of its command line), so only the last one can go
     * without renaming the others; another is refused, to be detached with --config.
     *
     * @return false when the guest has not let go of it within {@code wait} (the request stands)
     */
    public boolean detach(String name, RunningGuest g, int index, java.time.Duration wait) {
        Domain live = g.live();
        List<NetInterface> nics = live.devices().interfaces();
        NetInterface nic = nics.get(index);
        if (index != nics.size() - 1) {
            throw new InvalidArgumentException("interface " + nic.mac() + " is not the last of the " + nics.size()
                    + " interfaces of domain '" + name + "': jvirt names a running guest's interfaces by their position "
                    + "(net0, net1, ...) and unplugs only the last one; detach it with --config and restart the domain");
        }
        String id = DeviceIds.net(index);
        QmpConnection qmp = g.qmp();
        java.util.concurrent.CompletableFuture<Void> deleted = new java.util.concurrent.CompletableFuture<>();
        try (dev.jvirt.qmpclient.QmpSubscription sub = qmp.subscribe(new dev.jvirt.qmpclient.QmpEventListener() {
            @Override
            public void onEvent(dev.jvirt.qmpclient.QmpEvent event) {
                if (event.name().equals("DEVICE_DELETED") && id.equals(event.data().path("device").asText())) {
                    deleted.complete(null);
                }
            }

            @Override
            public void onConnectionLost(dev.jvirt.qmpclient.QmpConnectionLostException cause) {
                deleted.completeExceptionally(cause);
            }
        })) {
            qmp.execute("device_del", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("id", id))
                    .get(30, TimeUnit.SECONDS);
            try {
                deleted.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            }
            qmp.execute("netdev_del", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .put("id", DeviceIds.hostnet(index))).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuestControlException("interrupted while detaching interface " + id + " of domain '" + name + "'", e);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new GuestControlException("cannot detach interface " + id + " of domain '" + name + "': "
                    + cause.getMessage(), cause);
        }
        Prepared.Release tap = g.unplugged(key(nic.mac()));
        if (tap != null) {
            try {
                tap.release();
            } catch (Exception e) {
                // the TAP goes with its last descriptor anyway
            }
        }
        Domain newLive = withoutNic(live, index);
        g.live(newLive);
        try {
            runtime.writeLiveXml(g.paths(), xml.format(newLive));
        } catch (java.io.IOException e) {
            throw new GuestControlException("interface " + id + " was detached from domain '" + name
                    + "', but its live definition could not be written: " + e.getMessage(), e);
        }
        return true;
    }

    /** The key of a hot-plugged NIC's TAP among the guest's hot-plugged resources (disks use their target). */
    private static String key(String mac) {
        return "interface " + mac;
    }

    private static Domain withNic(Domain d, NetInterface nic, int index) {
        List<NetInterface> nics = new ArrayList<>(d.devices().interfaces().subList(0, index));
        nics.add(nic);
        Devices.Builder b = d.devices().toBuilder();
        b.interfaces = nics;
        return d.withDevices(b.build());
    }

    private static void release(Prepared<NetworkBackend.Tap> tap) {
        try {
            tap.release().release();
        } catch (Exception ignored) {
            // the TAP goes with its last descriptor anyway
        }
    }
}
