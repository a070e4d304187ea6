package dev.jvirt.vmmcore.network;

import dev.jvirt.bridgenet.BridgeNet;
import dev.jvirt.bridgenet.NetworkInactiveException;
import dev.jvirt.bridgenet.TapDevice;
import dev.jvirt.domainxml.domain.NetInterface;
import dev.jvirt.vmmcore.StartRefusedException;
import dev.jvirt.vmmcore.host.NetworkBackend;
import dev.jvirt.vmmcore.host.Prepared;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TAPs of guests' {@code network} and {@code bridge} NICs: made when a guest starts (the
 * {@link NetworkBackend} of {@code VirtualNetworks}), and gone when it stops. One queue: QEMU
 * inherits the TAP's descriptor, so the TAP goes with QEMU however it ends. Several queues: QEMU
 * opens a persistent TAP by name, recorded ({@link TapRecords}) so that a guest taken over from
 * a previous daemon, or one that stopped while no daemon ran, still has its TAPs removed.
 */
public final class GuestTaps {
    private static final Logger log = LoggerFactory.getLogger(GuestTaps.class);

    /** Refuses a start whose NIC is on a network that is not defined or not active (with the command that fixes it). */
    public interface NetworkCheck {
        void requireActive(String domain, String what, String network);
    }

    private final BridgeNet nets;
    private final TapRecords taps;
    private final Integer qemuUid;
    private final NetworkCheck check;
    private final Set<String> adoptedGuests = new HashSet<>();

    /** @param qemuUid the user QEMU runs as (it opens multiqueue TAPs by name), or null for this process's */
    public GuestTaps(BridgeNet nets, TapRecords taps, Integer qemuUid, NetworkCheck check) {
        this.nets = nets;
        this.taps = taps;
        this.qemuUid = qemuUid;
        this.check = check;
    }

    /**
     * At daemon start, once the guests still running are known: the TAPs of guests that stopped
     * while no daemon ran are removed; those of running guests are released when they stop
     * ({@link #guestStopped}).
     */
    public void recoverTaps(Predicate<String> running) {
        for (String domain : taps.domains()) {
            if (running.test(domain)) {
                synchronized (adoptedGuests) {
                    adoptedGuests.add(domain);
                }
            } else {
                log.info("domain '{}' stopped while jvirtd was down: removing its TAPs {}", domain, taps.taps(domain));
                taps.releaseAll(domain);
            }
        }
    }

    /** A guest stopped: a guest taken over from a previous daemon has its recorded TAPs removed (its start's undo is gone). */
    public void guestStopped(String domain) {
        synchronized (adoptedGuests) {
            if (!adoptedGuests.remove(domain)) {
                return;
            }
        }
        taps.releaseAll(domain);
    }

    /** The TAP of NIC {@code nicId} of {@code domain}, with its release (the backend's {@code prepare}). */
    public Prepared<NetworkBackend.Tap> prepare(String domain, String nicId, NetInterface nic) throws IOException {
        String what = "interface " + nicId + " of domain '" + domain + "'";
        if ("network".equals(nic.type()) && nic.sourceNetwork() != null) {
            check.requireActive(domain, what, nic.sourceNetwork());
        }
        boolean byName = nic.driverQueues() != null && nic.driverQueues() > 1;
        TapDevice tap;
        try {
            tap = nets.openTap(nic, what, byName, byName ? qemuUid : null);
        } catch (NetworkInactiveException e) {
            throw new StartRefusedException(domain, StartRefusedException.Kind.UNSUPPORTED_CONFIG, e.getMessage(), null);
        }
        if (!byName) {
            return Prepared.of(new NetworkBackend.Tap(tap.name(), tap.fds().get(0),
                    tap.vhostFds().isEmpty() ? -1 : tap.vhostFds().get(0)), tap::close);
        }
        tap.releaseDescriptors(); // QEMU opens the persistent TAP by name
        try {
            taps.add(domain, tap.name());
        } catch (IOException e) {
            tap.close();
            throw e;
        }
        return Prepared.of(new NetworkBackend.Tap(tap.name()), () -> {
            tap.close();
            taps.release(domain, tap.name());
        });
    }
}
