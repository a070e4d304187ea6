package dev.jvirt.vmmcore;

import dev.jvirt.vmmcore.lifecycle.DomainEntry;
import dev.jvirt.vmmcore.lifecycle.DomainOperations;
import dev.jvirt.vmmcore.lifecycle.DomainRegistry;
import dev.jvirt.vmmcore.lifecycle.GuestMonitor;
import dev.jvirt.vmmcore.lifecycle.GuestStats;
import dev.jvirt.vmmcore.lifecycle.Operation;
import dev.jvirt.vmmcore.lifecycle.RunningGuest;
import java.util.List;
import java.util.Set;

/**
 * What running domains report: libvirt's statistics (virsh domstats, dommemstat, domblkstat,
 * domblkinfo, domblkerror) and QEMU's monitor passed through (qemu-monitor-command,
 * qemu-monitor-event). Part of the {@link Hypervisor} facade ({@link Hypervisor#monitoring()}).
 */
public final class DomainMonitoring {
    private final DomainRegistry registry;
    private final DomainOperations operations;
    private final GuestStats stats;

    DomainMonitoring(DomainRegistry registry, DomainOperations operations, GuestStats stats) {
        this.registry = registry;
        this.operations = operations;
        this.stats = stats;
    }

    /** libvirt's domstats of the domain for {@code groups}; a domain that is not running has its state only. */
    public DomainStats stats(String domain, Set<DomainStats.Group> groups) {
        DomainEntry e = registry.resolve(domain);
        return stats.collect(e.name(), e.snapshot(), groups);
    }

    /** The running domain's disks with their sizes and I/O error state. */
    public List<BlockInfo> blockInfo(String domain) {
        DomainEntry e = registry.resolve(domain);
        return stats.blockInfo(e.name(), operations.guest(e, Operation.STATS));
    }

    /** Runs a QMP command given as JSON text on the running domain's monitor; returns QEMU's {@code return} as JSON text. */
    public String qemuMonitorCommand(String domain, String commandJson) {
        DomainEntry e = registry.resolve(domain);
        return GuestMonitor.execute(operations.guest(e, Operation.MONITOR), e.name(), commandJson);
    }

    /** Runs a human-monitor (HMP) command line on the running domain; returns QEMU's text. */
    public String qemuMonitorHmp(String domain, String commandLine) {
        DomainEntry e = registry.resolve(domain);
        return GuestMonitor.hmp(operations.guest(e, Operation.MONITOR), e.name(), commandLine);
    }

    /**
     * The running domain's QMP events as QEMU sends them: checks that they can be watched (it is
     * running or paused), so a caller answers errors before it streams, then subscribes.
     */
    public QemuEventSource qemuEvents(String domain) {
        RunningGuest g = operations.guest(registry.resolve(domain), Operation.WATCH_MONITOR);
        return (listener, onEnd) -> GuestMonitor.subscribe(g, listener, onEnd);
    }
}
