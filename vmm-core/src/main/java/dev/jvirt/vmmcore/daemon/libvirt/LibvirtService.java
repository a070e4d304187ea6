package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.vmmcore.HostStorage;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.VirtualNetworks;

/** The procedures jvirtd answers on its libvirt socket, over one {@link Hypervisor}. */
final class LibvirtService {
    private final Hypervisor hv;
    private final ProcedureTable table = new ProcedureTable();
    private final java.util.Set<Long> missed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** {@code storage}, {@code nets}: null when jvirtd runs without them. {@code uri}: what CONNECT_GET_URI answers, libvirt's name for this daemon ({@code qemu:///session}). */
    LibvirtService(Hypervisor hv, HostStorage storage, VirtualNetworks nets, String uri) {
        this.hv = hv;
        DomainProcedures domains = new DomainProcedures(hv);
        new ConnectProcedures(hv, uri).register(table);
        domains.register(table);
        new EventProcedures(hv).register(table);
        new ConsoleProcedures(hv, domains).register(table);
        new StatsProcedures(hv).register(table);
        if (storage != null) {
            PoolProcedures pools = new PoolProcedures(storage);
            pools.register(table);
            new VolumeProcedures(storage, pools).register(table);
        }
        if (nets != null) { // without them every network call is VIR_ERR_NO_SUPPORT, as from a libvirtd without a network driver
            new NetworkProcedures(nets).register(table);
        }
    }

    Hypervisor hypervisor() {
        return hv;
    }

    ProcedureTable table() {
        return table;
    }

    /** Whether this is the first call of an unsupported procedure (its log line is written once). */
    boolean firstMiss(int program, int procedure) {
        return missed.add(((long) program << 32) | (procedure & 0xffffffffL));
    }
}
