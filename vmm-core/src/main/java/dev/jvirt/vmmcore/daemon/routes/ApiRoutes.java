package dev.jvirt.vmmcore.daemon.routes;

import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.HypervisorConfig;
import dev.jvirt.vmmcore.VirtualNetworks;
import dev.jvirt.vmmcore.daemon.console.ConsoleRoutes;
import dev.jvirt.vmmcore.daemon.http.RouteTable;

/**
 * The route table of API 1.0 (docs/api.md), one registrar per resource area. Every route calls
 * the {@link Hypervisor} facade only, and passes the path's domain reference (name, UUID or id)
 * to it as it came: the facade resolves it. Failures go to {@code ErrorMapper}.
 */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    public static RouteTable build(Hypervisor hv, HypervisorConfig config, String uri) {
        return build(hv, null, config, uri);
    }

    /** With the network routes (docs/api.md, "Networks") over {@code nets}, unless it is null. */
    public static RouteTable build(Hypervisor hv, VirtualNetworks nets, HypervisorConfig config, String uri) {
        RouteTable t = new RouteTable();
        if (nets != null) {
            new NetworkRoutes(nets, hv).register(t);
        }
        new ServerRoutes(uri).register(t);
        new DomainQueryRoutes(hv).register(t);
        new DomainDefinitionRoutes(hv).register(t);
        new DomainLifecycleRoutes(hv).register(t);
        new EventRoutes(hv).register(t);
        new NativeRoutes(hv).register(t);
        new HostRoutes(hv).register(t);
        new ConsoleRoutes(hv, hv::resolve, config.dirs()::consoleLog).register(t);
        new QemuMonitorRoutes(hv).register(t);
        new DomainStatsRoutes(hv).register(t);
        new DomainDeviceRoutes(hv).register(t);
        new GuestAgentRoutes(hv).register(t);
        new DomainSaveRoutes(hv).register(t);
        new SnapshotRoutes(hv).register(t);
        new DomainTuningRoutes(hv).register(t);
        return t;
    }
}
