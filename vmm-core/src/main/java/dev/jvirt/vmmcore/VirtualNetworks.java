package dev.jvirt.vmmcore;

import dev.jvirt.bridgenet.ActiveNetwork;
import dev.jvirt.bridgenet.BridgeNet;
import dev.jvirt.bridgenet.DefinitionConflicts;
import dev.jvirt.bridgenet.DhcpLease;
import dev.jvirt.bridgenet.HostCommandException;
import dev.jvirt.bridgenet.HostTools;
import dev.jvirt.bridgenet.NetworkConfigException;
import dev.jvirt.bridgenet.NetworkException;
import dev.jvirt.bridgenet.NetworkInactiveException;
import dev.jvirt.domainxml.Uuids;
import dev.jvirt.domainxml.network.Network;
import dev.jvirt.domainxml.network.NetworkXml;
import dev.jvirt.vmmcore.host.HostBackends;
import dev.jvirt.vmmcore.host.NetworkBackend;
import dev.jvirt.vmmcore.network.DefaultNetwork;
import dev.jvirt.vmmcore.network.DhcpHostUpdate;
import dev.jvirt.vmmcore.network.GuestTaps;
import dev.jvirt.vmmcore.network.TapRecords;
import dev.jvirt.vmmcore.store.DefinitionStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's virtual networks: persistent definitions ({@code STATE/network/NAME.xml}), the
 * networks running on this host (bridge-net's {@link BridgeNet}, records under
 * {@code RUN/network}), and the host side of guest NICs on them ({@link #backends}). Wherever a
 * network is named, its name or UUID is accepted. Every failure is a {@link VmmException}:
 * {@link NoSuchNetworkException}, {@link NetworkFailedException}, or a definition error.
 * Thread-safe (one operation at a time). Opening it adopts the networks a previous daemon left
 * running; closing it leaves them running.
 */
public final class VirtualNetworks {
    private static final Logger log = LoggerFactory.getLogger(VirtualNetworks.class);
    /** Names that are safe as file names and in messages: libvirt's names as people write them. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}");
    private final BridgeNet nets;
    private final DefinitionStore store;
    private final GuestTaps guestTaps;
    private final Map<String, Network> persistent = new TreeMap<>();

    private VirtualNetworks(StateDirs dirs, HostTools tools, Integer qemuUid) {
        this.nets = new BridgeNet(dirs.networkRuntime(), tools);
        this.store = new DefinitionStore(dirs.networkDefinitions(), dirs.networkDefinitions().resolve("autostart"), "network");
        this.guestTaps = new GuestTaps(nets, new TapRecords(dirs.networkRuntime().resolve("taps"), tools.ip()), qemuUid,
                this::requireActive);
    }

    /**
     * Loads the stored definitions and adopts the networks still running from a previous daemon.
     *
     * @param qemuUid the user QEMU runs as (it opens its TAPs by name), or null for this process's
     */
    public static VirtualNetworks open(StateDirs dirs, Integer qemuUid) {
        VirtualNetworks v = new VirtualNetworks(dirs, HostTools.find(), qemuUid);
        v.load();
        return v;
    }

    private synchronized void load() {
        store.loadAll().forEach((name, xml) -> {
            try {
                persistent.put(name, NetworkXml.load(xml, store.file(name).toString()));
            } catch (RuntimeException e) {
                log.error("network '{}': its stored definition {} cannot be read: {}", name, store.file(name),
                        e.getMessage());
            }
        });
        for (ActiveNetwork a : nets.adoptAll()) {
            log.info("network '{}' is active ({} on {})", a.name(), a.mode(), a.bridge());
        }
    }

    /**
     * System mode, the first time the daemon runs ({@code STATE/network} does not exist yet):
     * defines libvirt's {@code default} NAT network, 192.168.122.0/24 on bridge {@code jvbr0} (DHCP
     * .2 to .254), or the first of 192.168.123.0/24 ... 192.168.254.0/24 that no host address or
     * route overlaps, on the first free {@code jvbrN}. Defined, not started; nothing is clobbered.
     *
     * @return the network defined, or empty (not the first use, or no free range)
     */
    public synchronized Optional<NetworkInfo> defineDefaultOnFirstUse(StateDirs dirs) {
        if (java.nio.file.Files.exists(dirs.networkDefinitions()) || !persistent.isEmpty()) {
            return Optional.empty();
        }
        return DefaultNetwork.defineFirstFree(HostTools.find().ip(), others("default"), this::define);
    }

    /** {@code backends} with interfaces of type {@code network} and {@code bridge} served by these networks. */
    public HostBackends backends(HostBackends backends) {
        NetworkBackend b = guestTaps::prepare;
        return backends.withNetwork("network", b).withNetwork("bridge", b);
    }

    // ---- definitions ----------------------------------------------------------------------

    /**
     * Defines (or redefines) a persistent network; an active one keeps running as it was
     * started. A redefinition without a UUID keeps the stored one.
     */
    public synchronized NetworkInfo define(String xml) {
        Network n = load(xml);
        String name = n.name();
        Optional<Network> same = existing(name);
        if (same.isPresent()) {
            String had = same.get().uuid();
            if (NetworkXml.parse(xml, null).uuid() == null) {
                n = withUuid(n, had);
            } else if (!had.equals(n.uuid())) {
                throw new NetworkFailedException(name, NetworkFailedException.Kind.INVALID, "network '" + name
                        + "' is already defined with uuid " + had, "leave <uuid> out or give that one", null);
            }
        }
        requireUuidFree(n);
        checkConflicts(n);
        store.save(name, NetworkXml.format(n));
        persistent.put(name, n);
        return info(name);
    }

    /** Starts a network that has no stored definition; it is forgotten once destroyed. */
    public synchronized NetworkInfo create(String xml) {
        Network n = load(xml);
        if (existing(n.name()).isPresent()) {
            throw new NetworkFailedException(n.name(), NetworkFailedException.Kind.STATE, "network '" + n.name()
                    + "' already exists", "choose another name, or jvirsh net-start " + n.name(), null);
        }
        requireUuidFree(n);
        checkConflicts(n);
        run(n);
        return info(n.name());
    }

    /** Removes the stored definition; an active network goes on running as a transient one. */
    public synchronized void undefine(String ref) {
        String name = resolve(ref);
        if (!persistent.containsKey(name)) {
            throw new NetworkFailedException(name, NetworkFailedException.Kind.STATE, "network '" + name
                    + "' is transient: it has no definition to remove", "jvirsh net-destroy " + name + " stops it", null);
        }
        store.delete(name);
        persistent.remove(name);
    }

    public synchronized void setAutostart(String ref, boolean autostart) {
        String name = resolve(ref);
        if (!persistent.containsKey(name)) {
            throw new NetworkFailedException(name, NetworkFailedException.Kind.STATE,
                    "cannot set autostart for transient network '" + name + "'", null, null);
        }
        store.setAutostart(name, autostart);
    }

    // ---- lifecycle ------------------------------------------------------------------------

    /** Starts a defined network: bridge, addresses, nftables table, dnsmasq. Nothing is left when it fails. */
    public synchronized NetworkInfo start(String ref) {
        String name = resolve(ref);
        if (nets.active(name).isPresent()) {
            throw new NetworkFailedException(name, NetworkFailedException.Kind.STATE, "network '" + name
                    + "' is already active", null, null);
        }
        run(persistent.get(name));
        return info(name);
    }

    /**
     * Stops an active network: its dnsmasq, nftables table and bridge go. Refused while guests'
     * TAPs are on its bridge, unless {@code force} (the guests then lose their network).
     */
    public synchronized NetworkInfo destroy(String ref, boolean force) {
        String name = resolve(ref);
        if (nets.active(name).isEmpty()) {
            throw new NetworkFailedException(name, NetworkFailedException.Kind.STATE, "network '" + name
                    + "' is not active", null, null);
        }
        List<String> guestTaps = nets.ports(name).stream().filter(p -> p.startsWith("jvtap") || p.startsWith("vnet"))
                .toList();
        if (!guestTaps.isEmpty() && !force) {
            throw new NetworkFailedException(name, NetworkFailedException.Kind.STATE, "network '" + name
                    + "' is in use by guests (TAPs " + String.join(", ", guestTaps) + ")",
                    "destroy or shut down the guests on it first", null);
        }
        try {
            nets.stop(name);
        } catch (NetworkException e) {
            throw failure(name, e);
        }
        NetworkInfo after = persistent.containsKey(name) ? info(name) : new NetworkInfo(name, null, false, false, false, null);
        return after;
    }

    /** Starts every inactive autostart network (the daemon calls this once, before its guests): name → "started" or why not. */
    public synchronized Map<String, String> startAutostartNetworks() {
        Map<String, String> results = new TreeMap<>();
        for (String name : persistent.keySet()) {
            if (store.isAutostart(name) && nets.active(name).isEmpty()) {
                try {
                    run(persistent.get(name));
                    results.put(name, "started");
                } catch (VmmException e) {
                    results.put(name, e.getMessage());
                }
            }
        }
        return results;
    }

    private void run(Network n) {
        try {
            nets.start(n);
        } catch (NetworkException e) {
            throw failure(n.name(), e);
        }
    }

    /**
     * net-update ({@link DhcpHostUpdate}: the {@code ip-dhcp-host} section, live, config or
     * current): both new definitions are made and validated before either is applied; the running
     * network's dnsmasq reloads its hosts.
     */
    public synchronized NetworkInfo update(String ref, DhcpHostUpdate.Request request) {
        String name = resolve(ref);
        DhcpHostUpdate.Result r = DhcpHostUpdate.plan(name, nets.active(name).map(ActiveNetwork::definition).orElse(null),
                persistent.get(name), request);
        if (r.running() != null) {
            try {
                nets.updateDhcpHosts(r.running());
            } catch (NetworkException e) {
                throw failure(name, e);
            }
        }
        if (r.stored() != null) {
            store.save(name, NetworkXml.format(r.stored()));
            persistent.put(name, r.stored());
        }
        return info(name);
    }

    // ---- queries --------------------------------------------------------------------------

    /** Every network, active or defined, by name. */
    public synchronized List<NetworkInfo> list() {
        Set<String> names = new java.util.TreeSet<>(persistent.keySet());
        nets.active().forEach(a -> names.add(a.name()));
        return names.stream().map(this::info).toList();
    }

    public synchronized NetworkInfo info(String ref) {
        String name = resolve(ref);
        Optional<ActiveNetwork> a = nets.active(name);
        Network def = persistent.get(name);
        String uuid = a.map(ActiveNetwork::uuid).orElse(def == null ? null : def.uuid());
        String bridge = a.map(ActiveNetwork::bridge)
                .orElse(def == null || def.bridge() == null ? null : def.bridge().name());
        return new NetworkInfo(name, uuid, a.isPresent(), def != null, def != null && store.isAutostart(name), bridge);
    }

    /** The network's XML: the running one (bridge filled in) unless {@code inactive} or not active. */
    public synchronized String xml(String ref, boolean inactive) {
        String name = resolve(ref);
        Optional<ActiveNetwork> a = nets.active(name);
        if (a.isPresent() && (!inactive || !persistent.containsKey(name))) {
            return NetworkXml.format(a.get().definition());
        }
        return NetworkXml.format(persistent.get(name));
    }

    /** The DHCP leases of an active network, those of {@code mac} only unless it is null. */
    public synchronized List<NetworkLease> leases(String ref, String mac) {
        String name = resolve(ref);
        ActiveNetwork a = nets.active(name).orElseThrow(() -> new NetworkFailedException(name,
                NetworkFailedException.Kind.STATE, "network '" + name + "' is not active", "jvirsh net-start " + name, null));
        List<NetworkLease> out = new ArrayList<>();
        for (DhcpLease l : a.leases()) {
            if (mac == null || mac.equalsIgnoreCase(l.mac())) {
                out.add(new NetworkLease(name, l.expiry(), l.mac(), l.ip(), l.prefix(), l.hostname(), l.clientId(), l.iaid()));
            }
        }
        return out;
    }

    /** The IPv4 addresses the host's neighbour table has for {@code mac} (domifaddr --source arp). */
    public List<String> neighbourAddresses(String mac) {
        return nets.neighbours().stream().filter(n -> n.mac().equalsIgnoreCase(mac)).map(dev.jvirt.bridgenet.Neighbour::ip)
                .distinct().toList();
    }

    /** The leases of {@code mac} on network {@code name}, none when it is not active or does not exist. */
    public synchronized List<NetworkLease> leasesOf(String name, String mac) {
        if (name == null || nets.active(name).isEmpty() || mac == null) {
            return List.of();
        }
        return leases(name, mac);
    }

    // ---- guests' TAPs (network/GuestTaps) --------------------------------------------------

    /** See {@link GuestTaps#recoverTaps}. */
    public void recoverTaps(Predicate<String> running) {
        guestTaps.recoverTaps(running);
    }

    /** See {@link GuestTaps#guestStopped}. */
    public void guestStopped(String domain) {
        guestTaps.guestStopped(domain);
    }

    private synchronized void requireActive(String domain, String what, String network) {
        if (nets.active(network).isPresent()) {
            return;
        }
        if (!persistent.containsKey(network)) {
            throw new StartRefusedException(domain, StartRefusedException.Kind.NETWORK_MISSING,
                    what + " is on network '" + network + "', which is not defined",
                    "define it with jvirsh net-define FILE, or change <source network> (jvirsh edit " + domain + ")", network);
        }
        NetworkInactiveException e = new NetworkInactiveException(network, what);
        throw new StartRefusedException(domain, StartRefusedException.Kind.NETWORK_INACTIVE, e.getMessage(), null, network);
    }

    // ---- helpers --------------------------------------------------------------------------

    private Network load(String xml) {
        Network n = NetworkXml.load(xml, null);
        if (n.name() == null || !NAME.matcher(n.name()).matches()) {
            throw new NetworkFailedException(n.name(), NetworkFailedException.Kind.INVALID, "network name '" + n.name()
                    + "' is not allowed: use 1 to 64 letters, digits, '_', '.', '+' or '-', starting with a letter or digit",
                    null, null);
        }
        return n;
    }

    private Optional<Network> existing(String name) {
        Network p = persistent.get(name);
        return p != null ? Optional.of(p) : nets.active(name).map(ActiveNetwork::definition);
    }

    private void requireUuidFree(Network n) {
        for (Network o : others(n.name())) {
            if (o.uuid() != null && o.uuid().equals(n.uuid())) {
                throw new NetworkFailedException(n.name(), NetworkFailedException.Kind.INVALID, "network '" + o.name()
                        + "' already has uuid " + n.uuid(), "leave <uuid> out to get a new one", null);
            }
        }
    }

    private void checkConflicts(Network n) {
        try {
            DefinitionConflicts.check(n, others(n.name()));
        } catch (NetworkException e) {
            throw failure(n.name(), e);
        }
    }

    private Collection<Network> others(String name) {
        Map<String, Network> all = new TreeMap<>(persistent);
        nets.active().forEach(a -> all.put(a.name(), a.definition()));
        all.remove(name);
        return all.values();
    }

    private String resolve(String ref) {
        if (ref != null && (persistent.containsKey(ref) || nets.active(ref).isPresent())) {
            return ref;
        }
        String uuid;
        try {
            uuid = Uuids.normalise(ref);
        } catch (RuntimeException e) {
            throw new NoSuchNetworkException(ref);
        }
        for (Network n : persistent.values()) {
            if (uuid.equals(n.uuid())) {
                return n.name();
            }
        }
        return nets.active().stream().filter(a -> uuid.equals(a.uuid())).map(ActiveNetwork::name).findFirst()
                .orElseThrow(() -> new NoSuchNetworkException(ref));
    }

    private static Network withUuid(Network n, String uuid) {
        return new Network(n.name(), uuid, n.metadata(), n.forward(), n.bridge(), n.mtu(), n.mac(), n.domainName(),
                n.domainLocalOnly(), n.dns(), n.ips());
    }

    private static NetworkFailedException failure(String name, NetworkException e) {
        NetworkFailedException.Kind kind = e instanceof NetworkConfigException ? NetworkFailedException.Kind.INVALID
                : e instanceof HostCommandException ? NetworkFailedException.Kind.HOST : NetworkFailedException.Kind.STATE;
        return new NetworkFailedException(name, kind, e.getMessage(), null, e);
    }
}
