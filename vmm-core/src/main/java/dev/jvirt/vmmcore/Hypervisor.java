package dev.jvirt.vmmcore;

import dev.jvirt.domainxml.Parsed;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.qmpclient.QmpClientFactory;
import dev.jvirt.vmmcore.DomainEvent.Kind;
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
import java.util.OptionalLong;
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
    private final QmpClientFactory qmp = new QmpClientFactory(1);
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

    private Hypervisor(HypervisorConfig config) {
        this.config = config;
        StateDirs dirs = config.dirs();
        this.definitions = new DefinitionStore(dirs.qemuDefinitions(), dirs.qemuAutostart());
        this.runtime = new RuntimeStore(dirs.qemuRuntime());
        this.status = new StatusKeeper(runtime, events);
        this.teardown = new GuestTeardown(runtime, registry, events, config.destroyGrace());
        this.guestEvents = new GuestEventHandler(eventPool, status, teardown);
        this.capabilities = new CapabilitiesProvider(config.emulator(),
                new CapabilitiesCache(dirs.capabilitiesCache()), new QmpCapabilitiesProbe(qmp), config.kvmProbe());
        this.consoles = new dev.jvirt.vmmcore.lifecycle.GuestConsoles(dirs::consoleLog, config.consoleLogBytes(),
                config.consoleLogKeep());
        this.starter = new GuestStarter(capabilities, config.commandLine(), runtime, new QemuLauncher(ProcFs.system()), qmp,
                xml, config.launchTimeout(), consoles);
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
        definitions.loadAll().forEach((name, text) -> {
            try {
                Domain def = xml.reload(text, definitions.file(name).toString());
                DomainEntry e = registry.getOrCreate(name);
                e.persistent(def);
                e.autostart(definitions.isAutostart(name));
            } catch (VmmException ex) {
                log.error("ignoring stored definition {}: {}", definitions.file(name), ex.getMessage());
            }
        });
        Reconnector reconnector = new Reconnector(runtime, qmp, ProcFs.system(), xml, guestEvents, config.destroyGrace(),
                consoles);
        for (String name : runtime.names()) {
            DomainEntry e = registry.getOrCreate(name);
            try (OperationLock.Held held = e.lock().acquire(Operation.GUEST_EVENT, config.busyWait())) {
                reconnector.recover(e);
                if (e.guest() == null && !e.isPersistent()) {
                    registry.remove(e);
                }
            }
        }
    }

    // ---- definitions ------------------------------------------------------------------------

    /** Defines (or redefines) a persistent domain from XML; a running domain keeps its live definition. */
    public DomainInfo define(String domainXml) {
        Parsed<Domain> parsed = xml.parse(domainXml, null);
        String name = parsed.definition().name();
        while (true) {
            DomainEntry e = registry.getOrCreate(name);
            try (OperationLock.Held held = lock(e, Operation.DEFINE)) {
                if (e.isRemoved()) {
                    continue;
                }
                Domain current = e.current();
                Domain def = xml.complete(parsed, current == null ? null : current.uuid());
                if (current != null && !current.uuid().equalsIgnoreCase(def.uuid())) {
                    throw new DomainConflictException("domain '" + name + "' already exists with UUID " + current.uuid()
                            + "; the new definition has " + def.uuid() + " (remove its <uuid> or undefine the other first)");
                }
                try {
                    definitions.save(name, xml.format(def));
                } catch (RuntimeException ex) {
                    if (current == null) {
                        registry.remove(e);
                    }
                    throw ex;
                }
                e.persistent(def);
                status.publish(e, Kind.DEFINED, e.status().reason());
                return info(e);
            }
        }
    }

    /** Removes the stored definition; a running domain goes on running as a transient one. */
    public void undefine(String name) {
        DomainEntry e = registry.get(name);
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
        Parsed<Domain> parsed = xml.parse(domainXml, null);
        Domain def = xml.complete(parsed, null);
        DomainEntry e = registry.create(def.name()).orElseThrow(() -> new DomainConflictException(
                "domain '" + def.name() + "' already exists; choose another name or start that one"));
        try (OperationLock.Held held = lock(e, Operation.START)) {
            try {
                launch(e, def);
            } catch (RuntimeException ex) {
                registry.remove(e);
                throw ex;
            }
            return info(e);
        }
    }

    public void setAutostart(String name, boolean autostart) {
        DomainEntry e = registry.get(name);
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
        DomainEntry e = registry.get(name);
        try (OperationLock.Held held = lock(e, Operation.START)) {
            Operation.START.check(name, e.status());
            launch(e, e.persistent());
            return info(e);
        }
    }

    /** What {@link #start} would run: QEMU's argv. Checks state and accelerator; touches no guest file or process. */
    public List<String> startDryRun(String name) {
        DomainEntry e = registry.get(name);
        Operation.START.check(name, e.status());
        return starter.prepare(e.persistent()).argv();
    }

    private void launch(DomainEntry e, Domain def) {
        RunningGuest g;
        try {
            g = starter.start(starter.prepare(def), e, guestEvents::watch);
        } catch (StartFailedException ex) {
            e.status(DomainStatus.of(DomainState.SHUTOFF, StateReason.FAILED));
            log.warn("{}", ex.getMessage());
            throw ex;
        }
        status.set(e, DomainState.RUNNING, StateReason.BOOTED, Kind.STARTED);
        log.info("domain '{}' started ({})", e.name(), g.process());
    }

    /**
     * Presses the ACPI power button and waits up to {@code timeout} for the guest to power off
     * ({@link Duration#ZERO}: do not wait). The result says whether it did.
     */
    public ShutdownResult shutdown(String name, Duration timeout) {
        DomainEntry e = registry.get(name);
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
        DomainEntry e = registry.get(name);
        try (OperationLock.Held held = lock(e, Operation.DESTROY)) {
            Operation.DESTROY.check(name, e.status());
            teardown.destroy(e, e.guest());
            return info(e);
        }
    }

    /** ACPI reboot: the guest's next poweroff is turned into a reset. Returns at once. */
    public void reboot(String name) {
        DomainEntry e = registry.get(name);
        try (OperationLock.Held held = lock(e, Operation.REBOOT)) {
            Operation.REBOOT.check(name, e.status());
            e.guest().rebootRequested().set(true);
            GuestControl.powerdown(e.guest(), name);
        }
    }

    /** Hard reset, like pressing the reset button. */
    public void reset(String name) {
        DomainEntry e = registry.get(name);
        try (OperationLock.Held held = lock(e, Operation.RESET)) {
            Operation.RESET.check(name, e.status());
            e.guest().newReset();
            GuestControl.reset(e.guest(), name);
            status.publish(e, Kind.REBOOTED, e.status().reason());
        }
    }

    public DomainInfo suspend(String name) {
        DomainEntry e = registry.get(name);
        try (OperationLock.Held held = lock(e, Operation.SUSPEND)) {
            Operation.SUSPEND.check(name, e.status());
            GuestControl.stop(e.guest(), name);
            status.set(e, DomainState.PAUSED, StateReason.USER, Kind.SUSPENDED);
            return info(e);
        }
    }

    public DomainInfo resume(String name) {
        DomainEntry e = registry.get(name);
        try (OperationLock.Held held = lock(e, Operation.RESUME)) {
            Operation.RESUME.check(name, e.status());
            GuestControl.cont(e.guest(), name);
            status.set(e, DomainState.RUNNING, StateReason.UNPAUSED, Kind.RESUMED);
            return info(e);
        }
    }

    // ---- queries ----------------------------------------------------------------------------

    public List<DomainInfo> list() {
        return registry.all().stream().map(this::info).toList();
    }

    public DomainInfo info(String name) {
        return info(registry.get(name));
    }

    public DomainStatus state(String name) {
        return registry.get(name).status();
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
        DomainEntry e = registry.get(name);
        RunningGuest g = e.guest();
        if (g == null) {
            throw new InvalidStateException(name, "open the console of", e.status(),
                    java.util.EnumSet.of(DomainState.RUNNING, DomainState.PAUSED));
        }
        return java.util.Optional.ofNullable(g.consoleHub());
    }

    /** The domain's XML: the live definition while active (unless {@code inactive}), else the stored one. */
    public String xml(String name, boolean inactive) {
        DomainEntry e = registry.get(name);
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
        DomainEntry e = registry.get(name);
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
        qmp.close();
        eventPool.shutdown();
        events.close();
    }

    private OperationLock.Held lock(DomainEntry e, Operation op) {
        return e.lock().acquire(op, config.busyWait());
    }

    private DomainInfo info(DomainEntry e) {
        Domain d = e.current();
        RunningGuest g = e.guest();
        return new DomainInfo(e.name(), d == null ? null : d.uuid(), d == null ? null : d.type(), e.status(),
                e.isPersistent(), e.autostart(), g == null ? OptionalLong.empty() : OptionalLong.of(g.process().pid()),
                d == null ? 0 : d.memoryKiB(), d == null ? 0 : d.vcpus());
    }
}
