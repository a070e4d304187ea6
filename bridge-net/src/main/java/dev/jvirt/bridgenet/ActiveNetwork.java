package dev.jvirt.bridgenet;

import dev.jvirt.domainxml.network.Network;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A network that is running: started by this process or adopted from its runtime record. Its
 * guests' TAPs are made on {@link #bridge()}.
 */
public final class ActiveNetwork {
    private final NetworkRecord record;
    private final NetworkPlan plan;
    private final Network definition;
    private final NetworkStopper stopper;

    ActiveNetwork(NetworkRecord record, NetworkPlan plan, Network definition, NetworkStopper stopper) {
        this.record = record;
        this.plan = plan;
        this.definition = definition;
        this.stopper = stopper;
    }

    public String name() {
        return record.name();
    }

    public String uuid() {
        return record.uuid();
    }

    /** The bridge guests attach to (jvirt's, or the host's for mode {@code bridge}). */
    public String bridge() {
        return record.bridge();
    }

    /** {@code nat}, {@code route}, {@code open}, {@code isolated} or {@code bridge}. */
    public String mode() {
        return record.mode();
    }

    /** The network's {@code <mtu>}, or null (the bridge's own). */
    public Integer mtu() {
        return plan.mtu();
    }

    /** The live definition: as started, with the bridge name filled in. */
    public Network definition() {
        return definition;
    }

    /** What was made on the host, as recorded. */
    public NetworkRecord record() {
        return record;
    }

    public NetworkPlan plan() {
        return plan;
    }

    /** dnsmasq's pid, or -1 without dnsmasq. */
    public long dnsmasqPid() {
        return record.dnsmasqPid() == null ? -1 : record.dnsmasqPid();
    }

    /**
     * The DHCP leases dnsmasq has handed out (its lease file), each with the prefix length of the
     * subnet it is in; none without DHCP.
     */
    public List<DhcpLease> leases() {
        if (record.leaseFile() == null) {
            return List.of();
        }
        List<DhcpLease> out = new ArrayList<>();
        for (DhcpLease l : LeaseFile.read(Path.of(record.leaseFile()))) {
            Cidr ip = Cidr.parse(l.ip());
            int prefix = plan.subnets().stream().map(s -> s.address().network()).filter(n -> n.contains(ip))
                    .mapToInt(Cidr::prefix).findFirst().orElse(-1);
            out.add(l.withPrefix(prefix));
        }
        return out;
    }

    /** Stops the network; see {@link BridgeNet#stop(String)}. */
    void stopNow() {
        stopper.stop(record);
    }

    @Override
    public String toString() {
        return "network '" + name() + "' (" + mode() + ") on " + bridge();
    }
}
