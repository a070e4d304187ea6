package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.qmpclient.QmpConnection;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.StateReason;
import dev.jvirt.vmmcore.host.Prepared;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import dev.jvirt.vmmcore.qemu.QemuProcess;
import dev.jvirt.vmmcore.store.GuestLaunch;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One QEMU process running a domain: its live definition, files, what its start fixed
 * ({@link GuestLaunch}: id, pid, argv, console kind), its QMP connection, the host resources to
 * release when it stops, and the little that the event handling must remember between events.
 * Its status is not here: the domain's {@link DomainEntry.Snapshot} owns it.
 */
public final class RunningGuest {
    private static final long RESET_BURST_NANOS = 2_000_000_000L;
    private volatile Domain live;
    private final GuestPaths paths;
    private final QemuProcess process;
    private final QmpConnection qmp;
    private final GuestLaunch launch;
    private final List<Prepared.Release> hostResources = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Host resources of volume disks (from the start or a hotplug), by target: released at their detach or the stop. */
    private final java.util.Map<String, Prepared.Release> hotplugged = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicBoolean rebootRequested = new AtomicBoolean();
    private volatile StateReason exitReason;
    private volatile boolean detached;
    private volatile ConsoleHub consoleHub;
    private final CompletableFuture<DomainStatus> stopped = new CompletableFuture<>();

    public RunningGuest(Domain live, GuestPaths paths, QemuProcess process, QmpConnection qmp, GuestLaunch launch,
                        List<Prepared.Release> hostResources) {
        this.live = live;
        this.paths = paths;
        this.process = process;
        this.qmp = qmp;
        this.launch = launch;
        this.hostResources.addAll(hostResources);
    }

    public Domain live() {
        return live;
    }

    /** The live definition after a device was hot-plugged or unplugged (under the domain's lock). */
    void live(Domain d) {
        this.live = java.util.Objects.requireNonNull(d, "live");
    }

    /** Notes what volume disk {@code target} holds on the host; released at its detach or the guest's stop. */
    void hotplugged(String target, Prepared.Release release) {
        hotplugged.put(target, release);
    }

    /** Takes back the release of disk {@code target}, or null when it holds nothing on the host. */
    Prepared.Release unplugged(String target) {
        return hotplugged.remove(target);
    }

    /** A host resource a hot-plugged device (a NIC's TAP) took, released with the others when the guest stops. */
    void addHostResource(Prepared.Release release) {
        hostResources.add(release);
    }

    public GuestPaths paths() {
        return paths;
    }

    public QemuProcess process() {
        return process;
    }

    public QmpConnection qmp() {
        return qmp;
    }

    public GuestLaunch launch() {
        return launch;
    }

    /** libvirt's domain id of this run. */
    public int id() {
        return launch.id();
    }

    /** What the host phase of its start prepared (TAPs, volumes), released when the guest stops; empty after a takeover. */
    public List<Prepared.Release> hostResources() {
        List<Prepared.Release> all = new java.util.ArrayList<>(hostResources);
        all.addAll(hotplugged.values());
        return List.copyOf(all);
    }

    /** Set by {@code reboot}: the next guest poweroff is turned into a reset (libvirt's "fake reboot"). */
    public AtomicBoolean rebootRequested() {
        return rebootRequested;
    }

    /** Why QEMU is about to exit, when jvirt knows (it asked); null means an unexpected exit: crashed. */
    public StateReason exitReason() {
        return exitReason;
    }

    public void exitReason(StateReason reason) {
        if (exitReason == null) {
            exitReason = reason;
        }
    }

    private volatile long lastResetNanos = System.nanoTime() - RESET_BURST_NANOS;

    /**
     * Notes a reset; false when it belongs to the same reboot as one less than 2 s ago (SeaBIOS
     * resets the machine itself right after a reset: one reboot, several RESET events).
     */
    public boolean newReset() {
        long now = System.nanoTime();
        boolean fresh = now - lastResetNanos >= RESET_BURST_NANOS;
        lastResetNanos = now;
        return fresh;
    }

    /** Whether jvirt let go of this guest (closing the Hypervisor): its QMP going away means nothing. */
    public boolean isDetached() {
        return detached;
    }

    /** Lets go of the guest: its console hub (if any) is closed too; the guest keeps running. */
    public void detach() {
        detached = true;
        ConsoleHub hub = consoleHub;
        if (hub != null) {
            hub.close();
        }
    }

    /**
     * The console hub reading this guest's serial console since before {@code cont} (or since a
     * takeover); null when the definition has no serial or console (or the hub could not connect
     * on takeover).
     */
    public ConsoleHub consoleHub() {
        return consoleHub;
    }

    public void consoleHub(ConsoleHub hub) {
        this.consoleHub = hub;
    }

    /** Completes with the final status once this QEMU is gone and cleaned up. */
    public CompletableFuture<DomainStatus> stopped() {
        return stopped;
    }

    /** Whether QEMU has exited: the QMP socket closed, or /proc says so. */
    public boolean hasExited() {
        return !qmp.isOpen() || !process.isAlive();
    }
}
