package dev.jvirt.bridgenet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a network from its runtime record alone, so it works for a network this process
 * started, one it adopted, and one half-started by a process that crashed: dnsmasq (by pid, once
 * checked to be that network's dnsmasq), the nftables table, the bridge jvirt created. Each
 * thing that is already gone is skipped; the record goes last, once everything else has.
 */
final class NetworkStopper {
    private static final Logger log = LoggerFactory.getLogger(NetworkStopper.class);
    private final HostTools tools;
    private final RecordStore store;

    NetworkStopper(HostTools tools, RecordStore store) {
        this.tools = tools;
        this.store = store;
    }

    void stop(NetworkRecord rec) {
        List<String> failed = new ArrayList<>();
        RuntimeException first = null;
        if (rec.dnsmasqConf() != null) {
            Path conf = Path.of(rec.dnsmasqConf());
            Optional<Long> pid = Optional.ofNullable(rec.dnsmasqPid()).or(() -> Dnsmasq.pidFromFile(conf));
            try {
                pid.ifPresent(p -> Dnsmasq.stop(p, conf));
            } catch (RuntimeException e) {
                failed.add("dnsmasq: " + e.getMessage());
                first = e;
            }
        }
        if (rec.nftTable() != null) {
            try {
                new Nft(tools.nft()).delete(rec.nftTable());
            } catch (RuntimeException e) {
                failed.add("nftables table " + rec.nftTable() + ": " + e.getMessage());
                first = first == null ? e : first;
            }
        }
        if (rec.bridgeCreated()) {
            try {
                IpTool ip = new IpTool(tools.ip());
                Optional<IpTool.Link> l = ip.link(rec.bridge());
                if (l.isPresent() && l.get().isBridge()) {
                    ip.delete(rec.bridge());
                }
            } catch (RuntimeException e) {
                failed.add("bridge " + rec.bridge() + ": " + e.getMessage());
                first = first == null ? e : first;
            }
        }
        if (!failed.isEmpty()) {
            throw new NetworkException("network '" + rec.name() + "' is not fully stopped; its record stays in "
                    + store.dir() + " for another try: " + String.join("; ", failed), first);
        }
        store.delete(rec.name());
        log.info("network '{}' stopped", rec.name());
    }
}
