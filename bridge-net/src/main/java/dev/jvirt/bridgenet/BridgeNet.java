package dev.jvirt.bridgenet;

import dev.jvirt.domainxml.domain.NetInterface;
import dev.jvirt.domainxml.network.Network;
import dev.jvirt.domainxml.network.NetworkXml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Virtual networks on this host: start, stop and adopt networks from libvirt's network XML, and
 * make the TAPs of guest NICs on them. One instance per daemon, over one runtime directory (where
 * each active network has its record, {@code NAME.json}, and its dnsmasq files, {@code NAME/}).
 *
 * <p>Everything happens in the network namespace of the calling thread: the daemon's own, or a
 * namespace a test made and entered. Network starts and stops are serialised; TAPs are made
 * concurrently.
 */
public final class BridgeNet {
    private static final Logger log = LoggerFactory.getLogger(BridgeNet.class);
    private static final int DNSMASQ_RESTARTS = 3;
    private final HostTools tools;
    private final RecordStore store;
    private final NetworkStopper stopper;
    private final NetworkStarter starter;
    private final Map<String, ActiveNetwork> active = new ConcurrentHashMap<>();

    /**
     * @param runtimeDir where network records and dnsmasq files live (such as {@code /run/jvirt/network})
     * @param tools the host tools to use
     */
    public BridgeNet(Path runtimeDir, HostTools tools) {
        this.tools = tools;
        this.store = new RecordStore(runtimeDir);
        this.stopper = new NetworkStopper(tools, store);
        this.starter = new NetworkStarter(tools, store, stopper);
    }

    /**
     * Starts a network: its bridge (jvirt's own: {@code <bridge name>} or the next free
     * {@code jvbrN}), addresses, nftables table, dnsmasq. Nothing is left behind when it fails.
     *
     * @throws NetworkConfigException for a definition this host cannot run (nothing was created)
     * @throws HostCommandException when a host tool fails (what was made is undone)
     */
    public synchronized ActiveNetwork start(Network definition) {
        String name = definition.name();
        if (name != null && active.containsKey(name)) {
            throw new NetworkException("network '" + name + "' is already active");
        }
        if (name != null && store.read(name).isPresent()) {
            throw new NetworkException("network '" + name + "' has a runtime record in " + store.dir()
                    + " already (another jvirt process runs it?); adopt it with adoptAll()");
        }
        ActiveNetwork a = starter.start(definition, active.values());
        active.put(a.name(), a);
        return a;
    }

    /**
     * Stops a network: dnsmasq, its nftables table and the bridge jvirt made go; TAPs still on
     * the bridge are left to their guests (see {@link #ports}). A host bridge is left as it is.
     */
    public synchronized void stop(String name) {
        ActiveNetwork a = active.get(name);
        if (a == null) {
            throw new NetworkException("network '" + name + "' is not active");
        }
        a.stopNow();
        active.remove(name);
    }

    /**
     * Gives an active network a definition that differs from the one it runs with in its DHCP
     * hosts only (net-update of {@code ip-dhcp-host}, live): dnsmasq's hosts file is rewritten and
     * dnsmasq reloads it (SIGHUP), and the runtime record keeps the new definition (an adopting
     * process starts from it).
     *
     * @throws NetworkException when the network is not active or its dnsmasq serves no DHCP
     */
    public synchronized ActiveNetwork updateDhcpHosts(Network definition) {
        String name = definition.name();
        ActiveNetwork a = active.get(name);
        if (a == null) {
            throw new NetworkException("network '" + name + "' is not active");
        }
        Network live = NetworkStarter.withBridge(definition, a.bridge());
        NetworkPlan plan = NetworkPlan.of(live).withBridge(a.bridge());
        NetworkRecord rec = a.record().withDefinition(NetworkXml.format(live));
        boolean servesDhcp = a.plan().subnets().stream().anyMatch(NetworkPlan.Subnet::dhcp);
        if (rec.dnsmasqPid() == null || !servesDhcp) {
            throw new NetworkException("network '" + name + "' serves no DHCP (it started without a <range> or <host>): "
                    + "a host takes effect once it is restarted with one");
        }
        if (!Dnsmasq.readsHostsFile(Path.of(rec.dnsmasqConf()))) {
            throw new NetworkException("network '" + name + "' was started by an older jvirt whose dnsmasq keeps its hosts "
                    + "in its configuration: change the stored definition (--config) and restart the network");
        }
        Dnsmasq.reloadHosts(plan, store.filesOf(name), rec.dnsmasqPid(), Path.of(rec.dnsmasqConf()));
        store.write(rec);
        ActiveNetwork updated = new ActiveNetwork(rec, plan, live, stopper);
        active.put(name, updated);
        return updated;
    }

    /**
     * Takes over the networks whose records are in the runtime dir (after a daemon restart or
     * crash): a network half-started by a crashed process is cleaned up; one whose bridge has
     * gone is cleaned up; a dead dnsmasq is restarted and a missing nftables table put back.
     *
     * @return the networks now active in this instance
     */
    public synchronized List<ActiveNetwork> adoptAll() {
        for (String name : store.names()) {
            if (active.containsKey(name)) {
                continue;
            }
            try {
                store.read(name).flatMap(this::adopt).ifPresent(a -> active.put(name, a));
            } catch (RuntimeException e) {
                log.warn("network '{}': cannot adopt it: {}", name, e.getMessage());
            }
        }
        return active();
    }

    private Optional<ActiveNetwork> adopt(NetworkRecord rec) {
        if (!NetworkRecord.ACTIVE.equals(rec.state())) {
            log.warn("network '{}' was being started when its process ended; removing what it made", rec.name());
            stopper.stop(rec);
            return Optional.empty();
        }
        Network def = NetworkXml.parse(rec.definition(), rec.name() + " (runtime record)");
        NetworkPlan plan = NetworkPlan.of(def).withBridge(rec.bridge());
        Optional<IpTool.Link> bridge = new IpTool(tools.ip()).link(rec.bridge());
        if (bridge.isEmpty() || !bridge.get().isBridge()) {
            log.warn("network '{}': its bridge {} has gone; removing the rest of it", rec.name(), rec.bridge());
            stopper.stop(rec);
            return Optional.empty();
        }
        if (rec.nftTable() != null && !new Nft(tools.nft()).exists(rec.nftTable())) {
            log.warn("network '{}': its nftables table {} has gone; putting it back", rec.name(), rec.nftTable());
            new Nft(tools.nft()).create(plan, store.filesOf(rec.name()));
        }
        if (rec.dnsmasqConf() != null && (rec.dnsmasqPid() == null
                || !Dnsmasq.isOurs(rec.dnsmasqPid(), Path.of(rec.dnsmasqConf())))) {
            log.warn("network '{}': its dnsmasq is not running; starting it again", rec.name());
            Path conf = Dnsmasq.writeConfig(plan, store.filesOf(rec.name()));
            rec = rec.withDnsmasq(restartDnsmasq(rec.name(), conf), conf.toString(), rec.leaseFile());
            store.write(rec);
        }
        log.info("network '{}' adopted ({} on {})", rec.name(), rec.mode(), rec.bridge());
        return Optional.of(new ActiveNetwork(rec, plan, def, stopper));
    }

    /**
     * Starts dnsmasq again for an adopted network. A dnsmasq that was just killed can hold its
     * ports for a moment (its exit is still being torn down), so a failed start is tried again
     * a few times before the adoption gives up.
     */
    private long restartDnsmasq(String name, Path conf) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= DNSMASQ_RESTARTS; attempt++) {
            try {
                return Dnsmasq.start(tools.dnsmasq(), name, conf);
            } catch (RuntimeException e) {
                last = e;
                log.warn("network '{}': dnsmasq did not start again (attempt {} of {}): {}", name, attempt,
                        DNSMASQ_RESTARTS, e.getMessage());
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    public Optional<ActiveNetwork> active(String name) {
        return Optional.ofNullable(active.get(name));
    }

    /** The active networks, by name. */
    public List<ActiveNetwork> active() {
        List<ActiveNetwork> out = new ArrayList<>(active.values());
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** The interfaces attached to an active network's bridge (its guests' TAPs, for a host bridge also the host's). */
    public List<String> ports(String name) {
        ActiveNetwork a = active.get(name);
        if (a == null) {
            throw new NetworkException("network '" + name + "' is not active");
        }
        return new IpTool(tools.ip()).links().stream().filter(l -> a.bridge().equals(l.master()))
                .map(IpTool.Link::name).toList();
    }

    /** The host's IPv4 neighbour table (ARP), entries with a MAC only; works without any network active. */
    public List<Neighbour> neighbours() {
        return new IpTool(tools.ip()).neighbours();
    }

    /** The DHCP leases of an active network. */
    public List<DhcpLease> leases(String name) {
        return active(name).orElseThrow(() -> new NetworkException("network '" + name + "' is not active")).leases();
    }

    /**
     * The host side of a guest NIC: its TAP, made for {@code <interface type='network'>} (on the
     * network's bridge, with its MTU unless the NIC has one) and {@code type='bridge'} (on the
     * source bridge), or opened for {@code type='ethernet'} (the existing {@code <target dev>}).
     * One queue per {@code <driver queues>}, vhost-net unless {@code <driver name='qemu'>}.
     *
     * @param what what the NIC is, for messages (such as {@code interface net0 of guest web1})
     * @param ownerUid the user QEMU runs as, for a TAP QEMU opens by name ({@code persistent}), or null
     * @param persistent whether QEMU opens the TAP by name rather than getting its descriptors
     * @throws NetworkInactiveException when the NIC's network is not active
     */
    public TapDevice openTap(NetInterface nic, String what, boolean persistent, Integer ownerUid) {
        String type = nic.type() == null ? "" : nic.type();
        int queues = nic.driverQueues() == null ? 1 : nic.driverQueues();
        boolean vhost = !"qemu".equals(nic.driverName());
        String name = nic.targetDev();
        if (name != null && (name.startsWith("jvtap") || name.startsWith("vnet"))) {
            name = null; // a name jvirt (or libvirt) chose before: choose again
        }
        String bridge;
        Integer mtu = nic.mtu();
        switch (type) {
            case "network" -> {
                ActiveNetwork a = active.get(nic.sourceNetwork());
                if (a == null) {
                    throw new NetworkInactiveException(nic.sourceNetwork(), what);
                }
                bridge = a.bridge();
                mtu = mtu != null ? mtu : a.mtu();
            }
            case "bridge" -> bridge = nic.sourceBridge();
            case "ethernet" -> {
                if (name != null && Taps.indexOf(name) > 0) {
                    return Taps.attach(name, queues, vhost, what);
                }
                bridge = null;
            }
            default -> throw new IllegalArgumentException(what + ": interface type '" + type + "' has no TAP");
        }
        TapRequest req = new TapRequest(name, bridge, mtu, nic.mac(), queues, vhost, persistent, ownerUid);
        return Taps.create(req, what);
    }
}
