package dev.jvirt.vmmcore.daemon.console;

import dev.jvirt.console.ConsoleUnavailableException;
import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.vmmcore.Hypervisor;
import java.nio.file.Path;

/**
 * The daemon's view of the domains' console hubs. The {@link Hypervisor} owns them: it connects
 * a guest's hub before the guest runs (so its ring holds the boot output for clients attaching
 * later) and closes it when the guest stops; the daemon only looks them up.
 */
public final class ConsoleHubs implements AutoCloseable {
    private final Hypervisor hv;

    /** {@code qemuRuntime} is no longer used: the hubs are the Hypervisor's. */
    public ConsoleHubs(Hypervisor hv, Path qemuRuntime) {
        this.hv = hv;
    }

    /**
     * The hub of running domain {@code name}: throws NoSuchDomainException, InvalidStateException
     * (not running), or ConsoleUnavailableException (no serial console, or the console closed).
     */
    public ConsoleHub hub(String name) {
        ConsoleHub hub = hv.console(name).orElseThrow(() -> new ConsoleUnavailableException(
                "domain '" + name + "' has no serial console"));
        if (!hub.isRunning()) {
            throw new ConsoleUnavailableException("the console of domain '" + name + "' is closed");
        }
        return hub;
    }

    /** Nothing to close: the Hypervisor closes the hubs (when their guests stop, or when it closes). */
    @Override
    public void close() {
    }
}
