package dev.jvirt.bridgenet;

import dev.jvirt.domainxml.network.Network;
import dev.jvirt.domainxml.network.NetworkXml;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a network in steps: check (the definition, the tools, the bridge name, the subnets),
 * then bridge, addresses, nftables table, forwarding, dnsmasq. The runtime record names each
 * thing before it is made, so a crash at any point leaves a record that {@link NetworkStopper}
 * can clean up from; a failed step undoes the steps before it, newest first.
 */
final class NetworkStarter {
    private static final Logger log = LoggerFactory.getLogger(NetworkStarter.class);
    private final HostTools tools;
    private final RecordStore store;
    private final IpTool ip;
    private final NetworkStopper stopper;

    NetworkStarter(HostTools tools, RecordStore store, NetworkStopper stopper) {
        this.tools = tools;
        this.store = store;
        this.ip = new IpTool(tools.ip());
        this.stopper = stopper;
    }

    ActiveNetwork start(Network definition, Collection<ActiveNetwork> active) {
        NetworkPlan plan = NetworkPlan.of(definition);
        HostChecks.tools(plan, tools);
        IpTool.HostState host = ip.state();
        List<IpTool.Link> links = host.links();
        if (plan.bridge() == null) {
            Set<String> claimed = active.stream().map(ActiveNetwork::bridge).collect(Collectors.toSet());
            plan = plan.withBridge(HostChecks.freeBridgeName(links, claimed));
        }
        HostChecks.bridge(plan, links);
        if (plan.createBridge()) {
            List<HostChecks.Taken> taken = active.stream()
                    .flatMap(a -> a.plan().subnets().stream()
                            .map(s -> new HostChecks.Taken(a.name(), s.address().network(), a.bridge())))
                    .toList();
            HostChecks.subnets(plan, taken, host.addresses(), host.routes());
        }
        Network live = withBridge(definition, plan.bridge());
        NetworkRecord rec = new NetworkRecord(plan.name(), plan.uuid(), NetworkRecord.STARTING, plan.mode(),
                plan.bridge(), false, null, null, null, null, NetworkXml.format(live));
        Deque<Runnable> undo = new ArrayDeque<>();
        long t0 = System.nanoTime();
        try {
            store.write(rec);
            Path dir = store.filesOf(plan.name());
            if (plan.createBridge()) {
                rec = step(rec.withBridgeCreated());
                ip.addBridge(plan.bridge(), plan.stp(), plan.delay());
                String bridge = plan.bridge();
                undo.push(() -> ip.delete(bridge));
                if (!plan.hasIpv6()) {
                    // no link-local address, no router solicitations: the bridge has IPv4 only
                    Sysctl.writeIfPresent("1", "ipv6", "conf", bridge, "disable_ipv6");
                }
                ip.configureAndUp(bridge, plan.mac(), plan.mtu(),
                        plan.subnets().stream().map(NetworkPlan.Subnet::address).toList());
            }
            if (plan.firewall()) {
                rec = step(rec.withNftTable(NftRuleset.tableName(plan.bridge())));
                Nft nft = new Nft(tools.nft());
                String table = nft.create(plan, dir);
                undo.push(() -> nft.delete(table));
            }
            if (plan.forwarding()) {
                Sysctl.write("1", "ipv4", "ip_forward");
                if (plan.hasIpv6()) {
                    Sysctl.write("1", "ipv6", "conf", "all", "forwarding");
                }
            }
            if (plan.dnsmasq()) {
                Path conf = Dnsmasq.writeConfig(plan, dir);
                String leases = Dnsmasq.leases(dir).toString();
                rec = step(rec.withDnsmasqConf(conf.toString(), leases));
                long pid = Dnsmasq.start(tools.dnsmasq(), plan.name(), conf);
                undo.push(() -> Dnsmasq.stop(pid, conf));
                rec = step(rec.withDnsmasq(pid, conf.toString(), leases));
            }
            rec = step(rec.active());
        } catch (RuntimeException e) {
            rollback(plan.name(), undo, e);
            throw e;
        }
        log.info("network '{}' ({}) started on {} in {} ms", plan.name(), plan.mode(), plan.bridge(),
                (System.nanoTime() - t0) / 1_000_000);
        return new ActiveNetwork(rec, plan, live, stopper);
    }

    private NetworkRecord step(NetworkRecord r) {
        store.write(r);
        return r;
    }

    private void rollback(String name, Deque<Runnable> undo, RuntimeException cause) {
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
                log.warn("network '{}': could not undo a step of a failed start: {}", name, e.getMessage());
            }
        }
        try {
            store.delete(name);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    static Network withBridge(Network n, String bridge) {
        Network.Bridge b = n.bridge();
        Network.Bridge nb = b == null ? new Network.Bridge(bridge, null, null)
                : new Network.Bridge(bridge, b.stp(), b.delay());
        return new Network(n.name(), n.uuid(), n.metadata(), n.forward(), nb, n.mtu(), n.mac(), n.domainName(),
                n.domainLocalOnly(), n.dns(), n.ips());
    }
}
