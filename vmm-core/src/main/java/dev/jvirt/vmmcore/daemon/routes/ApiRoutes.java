package dev.jvirt.vmmcore.daemon.routes;

import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.HypervisorConfig;
import dev.jvirt.vmmcore.daemon.console.ConsoleRoutes;
import dev.jvirt.vmmcore.daemon.http.RouteTable;

/** The route table of API 1.0 (docs/api.md), one registrar per resource area. */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    public static RouteTable build(Hypervisor hv, HypervisorConfig config, String uri) {
        RouteTable t = new RouteTable();
        DomainLookup lookup = new DomainLookup(hv);
        new ServerRoutes(uri).register(t);
        new DomainQueryRoutes(hv, lookup, new DomainIds()).register(t);
        new DomainDefinitionRoutes(hv, lookup).register(t);
        new DomainLifecycleRoutes(hv, lookup).register(t);
        new EventRoutes(hv, lookup).register(t);
        new NativeRoutes(hv, config).register(t);
        new HostRoutes(hv).register(t);
        new ConsoleRoutes(hv, lookup::name, config.dirs()::consoleLog).register(t);
        new QemuMonitorRoutes(hv, lookup).register(t);
        return t;
    }
}
