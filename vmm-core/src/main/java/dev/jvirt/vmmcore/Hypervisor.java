package dev.jvirt.vmmcore;

import dev.jvirt.domainxml.Parsed;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.qmpclient.QmpClientFactory;
import dev.jvirt.vmmcore.DomainEvent.Kind;
import dev.jvirt.vmmcore.lifecycle.DomainDefiner;
import dev.jvirt.vmmcore.lifecycle.DomainDefinitions;
import dev.jvirt.vmmcore.lifecycle.DomainEntry;
import dev.jvirt.vmmcore.lifecycle.DomainRegistry;
import dev.jvirt.vmmcore.lifecycle.EventBus;
import dev.jvirt.vmmcore.lifecycle.GuestControl;
import dev.jvirt.vmmcore.lifecycle.GuestEventHandler;
import dev.jvirt.vmmcore.lifecycle.GuestStarter;
import dev.jvirt.vmmcore.lifecycle.GuestTeardown;
import dev.jvirt.vmmcore.lifecycle.Operation;
import dev.jvirt.vmmcore.lifecycle.OperationLock;
import dev.jvirt.vmmcore.lifecycle.Reconnector;
import dev.jvirt.vmmcore.lifecycle.GuestMonitor;
import dev.jvirt.vmmcore.lifecycle.RunningGuest;
import dev.jvirt.vmmcore.lifecycle.StatusKeeper;
import dev.jvirt.vmmcore.qemu.CapabilitiesCache;
import dev.jvirt.vmmcore.qemu.CapabilitiesProvider;
import dev.jvirt.vmmcore.qemu.HostCapabilities;
import dev.jvirt.vmmcore.qemu.ProcFs;
import dev.jvirt.vmmcore.qemu.QemuLauncher;
import dev.jvirt.vmmcore.qemu.QmpCapabilitiesProbe;
import dev.jvirt.vmmcore.store.DefinitionStore;
import dev.jvirt.vmmcore.store.RuntimeStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point of vmm-core: domains, their lifecycle, events and state. jvirtd's routes
 * and in-process tests call only this. Thread-safe; one lifecycle operation at a time per domain
 * (a second waits up to {@link HypervisorConfig#busyWait()}, then gets {@link DomainBusyException}).
 * Every failure is a {@link VmmException}. Closing it leaves running guests running: a new
 * {@code Hypervisor} over the same directories takes them over.
 */
public final class Hypervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hypervisor.class);
    private final HypervisorConfig config;
    private final DomainRegistry registry = new DomainRegistry();
    private final DefinitionStore definitions;
    private final RuntimeStore runtime;
    private final DomainDefinitions xml = new DomainDefinitions();
    private final EventBus events = new EventBus();
    private final QmpClientFactory qmp = new QmpClientFactory(); // the default loops: what bench/qmp.sh measures
    private final ExecutorService eventPool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jvirt-guest-events");
        t.setDaemon(true);
        return t;
    });
    private final StatusKeeper status;
    private final GuestTeardown teardown;
    private final GuestEventHandler guestEvents;
    private final GuestStarter starter;
    private final CapabilitiesProvider capabilities;
    private final dev.jvirt.vmmcore.lifecycle.GuestConsoles consoles;
    private final ProcFs procFs = ProcFs.system();
    private final DomainDefiner definer;

    private Hypervisor(HypervisorConfig config) {
        this.config = config;
        StateDirs dirs = config.dirs();
        this.definitions = new DefinitionStore(dirs.qemuDefinitions(), dirs.qemuAutostart());
        this.runtime = new RuntimeStore(dirs.qemuRuntime());
        this.status = new StatusKeeper(runtime, events);
        this.definer = new DomainDefiner(registry, definitions, xml, status, config.busyWait());
        this.teardown = new GuestTeardown(runtime, registry, events, config.destroyGrace());
        this.guestEvents = new GuestEventHandler(eventPool, status, teardown);
        this.capabilities = new CapabilitiesProvider(config.emulator(),
                new CapabilitiesCache(dirs.capabilitiesCache()), new QmpCapabilitiesProbe(qmp), config.kvmProbe());
        this.consoles = new dev.jvirt.vmmcore.lifecycle.GuestConsoles(dirs.runtime(),
                dirs.state().resolve("log").resolve("console-keeper.log"), dirs::consoleLog, config.consoleLogBytes(),
                config.consoleLogKeep());
        this.starter = new GuestStarter(capabilities, config.commandLine(), runtime, new QemuLauncher(ProcFs.system()), qmp,
                xml, config.launchTimeout(), consoles, config.startObserver());
    }

    /** Opens the state in {@code config.dirs()}: loads definitions, takes over guests still running. */
    public static Hypervisor open(HypervisorConfig config) {
        Hypervisor h = new Hypervisor(config);
        try {
            h.load();
        } catch (RuntimeException e) {
            h.close();
            throw e;
        }
        return h;
    }

    private void load() {
        definer.loadStored();
        Reconnector reconnector = new Reconnector(runtime, qmp, ProcFs.system(), xml, guestEvents, config.destroyGrace(),
                consoles);
        for (String name : runtime.names()) {
            DomainEntry e = registry.getOrCreate(name);
            try (OperationLock.Held held = e.lock().acquire(Operation.GUEST_EVENT, config.busyWait())) {
                reconnector.recover(e);
                if (e.guest() == null && !e.isPersistent()) {
                    registry.remove(e);
                } else if (e.guest() != null) {
                    claimLiveUuid(e);
                }
            }
        }
    }

    private void claimLiveUuid(DomainEntry e) {
        try {
            registry.claimUuid(e, e.current().uuid());
        } catch (DomainConflictException ex) {
            log.error("domain '{}' runs with a UUID another domain has: {}", e.name(), ex.getMessage());
        }
    }

    // ---- definitions ------------------------------------------------------------------------

    /**
     * Defines (or redefines) a persistent domain from XML; a running domain keeps its live
     * definition. The name keeps its UUID (a definition without one gets it; one with another is
     * refused), and a UUID another domain has is refused: checked and claimed atomically, so of
     * two concurrent defines with one UUID exactly one wins.
     *
     * @throws DomainConflictException the name has another UUID, or the UUID another name
     */
    public DomainInfo define(String domainXml) {
        return info(definer.define(domainXml));
    }

    /** Removes the stored definition; a running domain goes on running as a transient one. */
    public void undefine(String name) {
        DomainEntry e = domain(name);
        try (OperationLock.Held held = lock(e, Operation.UNDEFINE)) {
            if (!e.isPersistent()) {
                throw new DomainConflictException("domain '" + name + "' is transient: there is no definition to undefine");
            }
            definitions.delete(name);
            e.persistent(null);
            e.autostart(false);
            if (e.guest() == null) {
                registry.remove(e);
            }
            status.publish(e, Kind.UNDEFINED, e.status().reason());
        }
    }

    /** Starts a domain that has no stored definition; it is forgotten once it stops. */
    public DomainInfo createTransient(String domainXml) {
        return createTransient(domainXml, false);
    }

    /**
     * Starts a domain that has no stored definition (paused: its CPUs never run until resumed);
     * it is forgotten once it stops. Name and UUID must be free.
     */
    public DomainInfo createTransient(String domainXml, boolean paused) {
        Parsed<Domain> parsed = xml.parse(domainXml, null);
        Domain def = xml.complete(parsed, null);
        DomainEntry e = registry.create(def.name()).orElseThrow(() -> new DomainConflictException(
                "domain '" + def.name() + "' already exists; choose another name or start that one"));
        try (OperationLock.Held held = lock(e, Operation.START)) {
            try {
                registry.claimUuid(e, def.uuid());
                launch(e, def, paused);
            } catch (RuntimeException ex) {
                registry.remove(e);
                throw ex;
            }
            return info(e);
        }
    }

    public void setAutostart(String name, boolean autostart) {
        DomainEntry e = domain(name);
        try (OperationLock.Held held = lock(e, Operation.AUTOSTART)) {
            if (!e.isPersistent()) {
                throw new DomainConflictException("domain '" + name + "' is transient: only defined domains autostart");
            }
            definitions.setAutostart(name, autostart);
            e.autostart(autostart);
        }
    }

    /** Starts every shut-off autostart domain (the daemon calls this once at boot): name → error message, or "started". */
    public Map<String, String> startAutostartDomains() {
        Map<String, String> results = new TreeMap<>();
        for (DomainEntry e : registry.all()) {
            if (e.autostart() && !e.status().isActive()) {
                try {
                    start(e.name());
                    results.put(e.name(), "started");
                } catch (VmmException ex) {
                    results.put(e.name(), ex.getMessage());
                }
            }
        }
        return results;
    }

    // ---- lifecycle --------------------------------------------------------------------------

    /** Starts a defined domain: returns once QEMU runs the guest. */
    public DomainInfo start(String name) {
        return start(name, false);
    }

    /**
     * Starts a defined domain. {@code paused} (virsh's {@code start --paused}): QEMU is set up with
     * its CPUs stopped and never resumed, so the guest runs no instruction until {@link #resume};
     * the domain is then paused (user), as libvirt reports it, after the events started (booted)
     * and suspended (user).
     */
    public DomainInfo start(String name, boolean paused) {
        DomainEntry e = domain(name);
        try (OperationLock.Held held = lock(e, Operation.START)) {
            Operation.START.check(name, e.status());
            launch(e, e.persistent(), paused);
            return info(e);
        }
    }

    /** What {@link #start} would run: QEMU's argv. Checks state and accelerator; touches no guest file or process. */
    public List<String> startDryRun(String name) {
        DomainEntry e = domain(name);
        Operation.START.check(name, e.status());
        return starter.prepare(e.persistent()).argv();
    }

    private void launch(DomainEntry e, Domain def, boolean paused) {
        consoles.warmUp(); // the console keeper starts while QEMU does
        RunningGuest g;
        try {
            g = starter.start(starter.prepare(def), e, paused, guestEvents::watch);
        } catch (StartFailedException ex) {
            e.deactivate(DomainStatus.of(DomainState.SHUTOFF, StateReason.FAILED));
            log.warn("{}", ex.getMessage());
            throw ex;
        }
        status.publish(e, Kind.STARTED, StateReason.BOOTED);
        if (paused) {
            status.publish(e, Kind.SUSPENDED, StateReason.USER);
        }
        log.info("domain '{}' started{} ({})", e.name(), paused ? " paused" : "", g.process());
    }

    /**
     * Presses the ACPI power button and waits up to {@code timeout} for the guest to power off
     * ({@link Duration#ZERO}: do not wait). The result says whether it did.
     */
    public ShutdownResult shutdown(String name, Duration timeout) {
        DomainEntry e = domain(name);
        RunningGuest g;
        try (OperationLock.Held held = lock(e, Operation.SHUTDOWN)) {
            Operation.SHUTDOWN.check(name, e.status());
            g = e.guest();
            GuestControl.powerdown(g, name);
        }
        long t0 = System.nanoTime();
        try {
            DomainStatus s = timeout.isZero() ? e.status() : g.stopped().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            Duration waited = Duration.ofNanos(System.nanoTime() - t0);
            return s.state() == DomainState.SHUTOFF
                    ? new ShutdownResult(true, waited, s, "domain '" + name + "' is shut off")
                    : new ShutdownResult(false, waited, s, "domain '" + name + "' was sent the ACPI power button");
        } catch (TimeoutException ex) {
            return new ShutdownResult(false, timeout, e.status(), "domain '" + name + "' did not power off within "
                    + timeout.toSeconds() + " s of the ACPI power button (it may ignore ACPI); use destroy to force it off");
        } catch (ExecutionException ex) {
            throw new GuestControlException("shutdown of domain '" + name + "' failed: " + ex.getCause(), ex.getCause());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new GuestControlException("interrupted while waiting for domain '" + name + "' to shut down", ex);
        }
    }

    /** Forces the domain off: SIGTERM, then SIGKILL after the grace period. Returns once QEMU is gone. */
    public DomainInfo destroy(String name) {
        return destroy(name, false);
    }

    /**
     * Forces the domain off: SIGTERM, then SIGKILL after {@link HypervisorConfig#destroyGrace()}.
     * {@code graceful} (virsh's {@code destroy --graceful}): SIGTERM only, never SIGKILL.
     * Returns once QEMU is gone.
     *
     * @throws DestroyTimeoutException graceful, and QEMU did not exit within the grace period
     *                                 (the domain is left as it was)
     */
    public DomainInfo destroy(String name, boolean graceful) {
        DomainEntry e = domain(name);
        try (OperationLock.Held held = lock(e, Operation.DESTROY)) {
            Operation.DESTROY.check(name, e.status());
            teardown.destroy(e, e.guest(), graceful);
            return info(e);
        }
    }

    /** ACPI reboot: the guest's next poweroff is turned into a reset. Returns at once. */
    public void reboot(String name) {
        DomainEntry e = domain(name);
        try (OperationLock.Held held = lock(e, Operation.REBOOT)) {
            Operation.REBOOT.check(name, e.status());
            e.guest().rebootRequested().set(true);
            GuestControl.powerdown(e.guest(), name);
        }
    }

    /** Hard reset, like pressing the reset button. */
    public void reset(String name) {
        DomainEntry e = domain(name);
        try (OperationLock.Held held = lock(e, Operation.RESET)) {
            Operation.RESET.check(name, e.status());
            e.guest().newReset();
            GuestControl.reset(e.guest(), name);
            status.publish(e, Kind.REBOOTED, e.status().reason());
        }
    }

    public DomainInfo suspend(String name) {
        DomainEntry e = domain(name);
        try (OperationLock.Held held = lock(e, Operation.SUSPEND)) {
            Operation.SUSPEND.check(name, e.status());
            GuestControl.stop(e.guest(), name);
            status.set(e, DomainState.PAUSED, StateReason.USER, Kind.SUSPENDED);
            return info(e);
        }
    }

    public DomainInfo resume(String name) {
        DomainEntry e = domain(name);
        try (OperationLock.Held held = lock(e, Operation.RESUME)) {
            Operation.RESUME.check(name, e.status());
            GuestControl.cont(e.guest(), name);
            status.set(e, DomainState.RUNNING, StateReason.UNPAUSED, Kind.RESUMED);
            return info(e);
        }
    }

    // ---- queries ----------------------------------------------------------------------------

    /** Every domain, each as one consistent snapshot (see {@link DomainInfo}). */
    public List<DomainInfo> list() {
        return registry.all().stream().map(e -> e.snapshot().current() == null ? null : info(e))
                .filter(java.util.Objects::nonNull).toList();
    }

    /** The domain's info, taken as one consistent snapshot: state, reason, pid, CPU time and sizes agree. */
    public DomainInfo info(String name) {
        return info(domain(name));
    }

    /**
     * The domain with UUID {@code uuid} (any case, dashes optional).
     *
     * @throws NoSuchDomainException no domain has it
     */
    public DomainInfo lookupByUuid(String uuid) {
        DomainEntry e = registry.findByUuid(uuid).filter(x -> x.current() != null)
                .orElseThrow(() -> new NoSuchDomainException(uuid));
        return info(e);
    }

    public DomainStatus state(String name) {
        return domain(name).status();
    }

    /**
     * The console hub of running domain {@code name}, which has read its serial console since
     * before the guest ran (its ring holds the recent output, its log is
     * {@link StateDirs#consoleLog}); empty when the definition has no serial or console.
     *
     * @throws NoSuchDomainException  no such domain
     * @throws InvalidStateException   the domain is not running or paused
     */
    public java.util.Optional<dev.jvirt.console.hub.ConsoleHub> console(String name) {
        DomainEntry e = domain(name);
        RunningGuest g = e.guest();
        if (g == null) {
            throw new InvalidStateException(name, "open the console of", e.status(),
                    java.util.EnumSet.of(DomainState.RUNNING, DomainState.PAUSED));
        }
        return java.util.Optional.ofNullable(g.consoleHub());
    }

    /** The domain's XML: the live definition while active (unless {@code inactive}), else the stored one. */
    public String xml(String name, boolean inactive) {
        DomainEntry e = domain(name);
        Domain d = inactive && e.isPersistent() ? e.persistent() : e.current();
        return xml.format(d);
    }

    /** The host's probed capabilities (QEMU binary cached on disk; KVM probed once per Hypervisor). */
    public HostCapabilities capabilities() {
        try {
            return capabilities.get();
        } catch (java.io.IOException e) {
            throw new VmmException("cannot probe " + config.emulator() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmmException("interrupted while probing " + config.emulator(), e);
        }
    }

    // ---- monitor passthrough (virsh qemu-monitor-command / qemu-monitor-event) ----------------

    /** Runs a QMP command given as JSON text on the running domain's monitor; returns QEMU's {@code return}. */
    public com.fasterxml.jackson.databind.JsonNode qemuMonitorCommand(String name, String commandJson) {
        return GuestMonitor.execute(runningGuest(name, "run a monitor command on"), name, commandJson);
    }

    /** Runs a human-monitor (HMP) command line on the running domain; returns QEMU's text. */
    public String qemuMonitorHmp(String name, String commandLine) {
        return GuestMonitor.hmp(runningGuest(name, "run a monitor command on"), name, commandLine);
    }

    /**
     * Streams the running domain's QMP events as QEMU sends them; {@code onEnd} runs once when
     * its monitor connection goes (the guest stopped).
     */
    public Subscription subscribeQemuEvents(String name, java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode> listener,
            Runnable onEnd) {
        return GuestMonitor.subscribe(runningGuest(name, "watch the monitor events of"), listener, onEnd);
    }

    private RunningGuest runningGuest(String name, String operation) {
        DomainEntry e = domain(name);
        RunningGuest g = e.guest();
        if (g == null) {
            throw new InvalidStateException(name, operation, e.status(),
                    java.util.Set.of(DomainState.RUNNING, DomainState.PAUSED));
        }
        return g;
    }

    public Subscription subscribe(DomainEventListener listener) {
        return events.subscribe(listener);
    }

    /** Lets go of every guest (they keep running) and stops this instance's threads. */
    @Override
    public void close() {
        for (DomainEntry e : registry.all()) {
            RunningGuest g = e.guest();
            if (g != null) {
                g.detach();
            }
        }
        consoles.close(); // the console keeper keeps the running guests' consoles
        qmp.close();
        eventPool.shutdown();
        events.close();
    }

    /** The entry of a domain that exists: one being defined for the first time does not yet. */
    private DomainEntry domain(String name) {
        DomainEntry e = registry.get(name);
        if (e.current() == null) {
            throw new NoSuchDomainException(name);
        }
        return e;
    }

    /** Takes the domain's lock; a domain that went away meanwhile (undefined, stopped transient) is no such domain. */
    private OperationLock.Held lock(DomainEntry e, Operation op) {
        OperationLock.Held held = e.lock().acquire(op, config.busyWait());
        if (e.isRemoved() && op != Operation.DEFINE) {
            held.close();
            throw new NoSuchDomainException(e.name());
        }
        return held;
    }

    private DomainInfo info(DomainEntry e) {
        return e.snapshot().info(e.name(), procFs::cpuTimeNanos);
    }
}
