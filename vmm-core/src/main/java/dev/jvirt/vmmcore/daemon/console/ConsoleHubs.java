package dev.jvirt.vmmcore.daemon.console;

import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.console.hub.HubConfig;
import dev.jvirt.vmmcore.DomainEvent;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.Subscription;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@link ConsoleHub} per running domain, opened on the first console attach (the hub
 * reconnects to QEMU's console socket; what the guest printed before is in QEMU's own
 * {@code console.log}) and closed when the domain stops or the daemon closes.
 */
public final class ConsoleHubs implements AutoCloseable {
    private final Path qemuRuntime;
    private final Map<String, ConsoleHub> hubs = new HashMap<>();
    private final Subscription events;

    public ConsoleHubs(Hypervisor hv, Path qemuRuntime) {
        this.qemuRuntime = qemuRuntime;
        this.events = hv.subscribe(e -> {
            if (e.kind() == DomainEvent.Kind.STOPPED || e.kind() == DomainEvent.Kind.STARTED) {
                drop(e.domain());
            }
        });
    }

    /** The hub of running domain {@code name}, opened if need be (throws ConsoleUnavailableException). */
    public synchronized ConsoleHub hub(String name) {
        ConsoleHub hub = hubs.get(name);
        if (hub != null && hub.isRunning()) {
            return hub;
        }
        if (hub != null) {
            hub.close();
        }
        GuestPaths paths = new GuestPaths(qemuRuntime.resolve(name));
        hub = ConsoleHub.reconnect(HubConfig.of(name, paths.consoleSocket(), paths.dir().resolve("console-hub.log")));
        hubs.put(name, hub);
        return hub;
    }

    private synchronized void drop(String name) {
        ConsoleHub hub = hubs.remove(name);
        if (hub != null) {
            hub.close();
        }
    }

    @Override
    public synchronized void close() {
        events.close();
        hubs.values().forEach(ConsoleHub::close);
        hubs.clear();
    }
}
