package dev.jvirt.vmmcore;

import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.qmpclient.QmpClientFactory;
import dev.jvirt.vmmcore.lifecycle.DiskHotplug;
import dev.jvirt.vmmcore.lifecycle.DomainDefiner;
import dev.jvirt.vmmcore.lifecycle.DomainDefinitions;
import dev.jvirt.vmmcore.lifecycle.DomainEntry;
import dev.jvirt.vmmcore.lifecycle.DomainOperations;
import dev.jvirt.vmmcore.lifecycle.DomainJobs;
import dev.jvirt.vmmcore.lifecycle.DomainRegistry;
import dev.jvirt.vmmcore.lifecycle.EventBus;
import dev.jvirt.vmmcore.lifecycle.GuestConsoles;
import dev.jvirt.vmmcore.lifecycle.GuestEventHandler;
import dev.jvirt.vmmcore.lifecycle.GuestSaves;
import dev.jvirt.vmmcore.lifecycle.GuestSnapshots;
import dev.jvirt.vmmcore.lifecycle.GuestStarter;
import dev.jvirt.vmmcore.lifecycle.GuestStats;
import dev.jvirt.vmmcore.lifecycle.GuestThreads;
import dev.jvirt.vmmcore.lifecycle.GuestTuning;
import dev.jvirt.vmmcore.lifecycle.GuestTeardown;
import dev.jvirt.vmmcore.lifecycle.NicHotplug;
import dev.jvirt.vmmcore.lifecycle.Operation;
import dev.jvirt.vmmcore.lifecycle.OperationLock;
import dev.jvirt.vmmcore.lifecycle.Reconnector;
import dev.jvirt.vmmcore.lifecycle.RunningGuest;
import dev.jvirt.vmmcore.lifecycle.StatusKeeper;
import dev.jvirt.vmmcore.qemu.CapabilitiesProvider;
import dev.jvirt.vmmcore.qemu.CloudInitSeeds;
import dev.jvirt.vmmcore.qemu.Firmwares;
import dev.jvirt.vmmcore.qemu.ProcFs;
import dev.jvirt.vmmcore.qemu.QemuLauncher;
import dev.jvirt.vmmcore.qemu.QmpCapabilitiesProbe;
import dev.jvirt.vmmcore.qemu.Swtpms;
import dev.jvirt.vmmcore.store.CapabilitiesCache;
import dev.jvirt.vmmcore.store.DefinitionStore;
import dev.jvirt.vmmcore.store.RuntimeStore;
import dev.jvirt.vmmcore.store.SnapshotStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point of vmm-core: domains, their lifecycle, events and state. jvirtd's routes
 * and in-process tests call only this (a test keeps the daemon's routes from importing anything
 * else of vmm-core). Wherever a domain is named, a name, a UUID (any case, dashes optional) or
 * the numeric id of an active domain is accepted ({@link #resolve}). Thread-safe; one lifecycle
 * operation at a time per domain (a second waits up to {@link HypervisorConfig#busyWait()}, then
 * gets {@link DomainBusyException}). Every failure is a {@link VmmException}. Closing it leaves
 * running guests running: a new {@code Hypervisor} over the same directories takes them over,
 * ids included.
 */
public final class Hypervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hypervisor.class);
    private final HypervisorConfig config;
    private final DomainRegistry registry = new DomainRegistry();
    private final RuntimeStore runtime;
    private final DomainDefinitions xml = new DomainDefinitions();
    private final EventBus events = new EventBus();
    private final QmpClientFactory qmp = new QmpClientFactory(); // the default loops: what bench/qmp.sh measures
    private final ExecutorService eventPool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jvirt-guest-events");
        t.setDaemon(true);
        return t;
    });
    private final GuestEventHandler guestEvents;
    private final GuestStarter starter;
    private final CloudInitSeeds seeds;
    private final GuestConsoles consoles;
    private final ProcFs procFs = ProcFs.system();
    private final DomainDefiner definer;
    private final DomainOperations operations;
    private final CapabilitiesProvider capabilities;
    private final DomainDevices devices;
    private final DomainMonitoring monitoring;
    private final DomainTuning tuning;
    private final DomainCommandLines commandLines;
    private final DomainGuestAgent guestAgent;
    private final DomainJobs jobs = new DomainJobs();
    private final GuestSaves guestSaves;
    private final DomainSaves saves;
    private final DomainSnapshots snapshots;
    private final Swtpms swtpms;

    private Hypervisor(HypervisorConfig config) {
        this.config = config;
        StateDirs dirs = config.dirs();
        this.runtime = new RuntimeStore(dirs.qemuRuntime());
        StatusKeeper status = new StatusKeeper(runtime, events);
        this.definer = new DomainDefiner(registry, new DefinitionStore(dirs.qemuDefinitions(), dirs.qemuAutostart()), xml,
                status, config.busyWait());
        GuestTeardown teardown = new GuestTeardown(runtime, registry, events, config.destroyGrace());
        this.guestEvents = new GuestEventHandler(eventPool, status, teardown);
        this.capabilities = new CapabilitiesProvider(config.emulator(),
                new CapabilitiesCache(dirs.capabilitiesCache()), new QmpCapabilitiesProbe(qmp), config.kvmProbe());
        this.consoles = new GuestConsoles(dirs.runtime(), dirs.state().resolve("log").resolve("console-keeper.log"),
                dirs::consoleLog, config.consoleLogBytes(), config.consoleLogKeep());
        this.swtpms = new Swtpms(dirs.state().resolve("qemu").resolve("swtpm"));
        this.seeds = new CloudInitSeeds(dirs.state().resolve("qemu").resolve("nested-lxd"));
        this.starter = new GuestStarter(new GuestStarter.Tools(capabilities, config.commandLine(), config.backends(),
                runtime, new QemuLauncher(procFs), qmp, xml, config.launchTimeout(), consoles, config.startObserver(),
                Firmwares.system(dirs.state().resolve("qemu").resolve("nvram")), swtpms, seeds));
        this.operations = new DomainOperations(registry, starter, teardown, guestEvents, status, config.busyWait());
        this.devices = new DomainDevices(registry, operations, definer, xml,
                new DiskHotplug(starter, config.commandLine(), config.backends(), runtime, xml, config.busyWait(),
                        config.unplugWait()),
                new NicHotplug(config.backends(), config.commandLine(), starter, runtime, xml), config.busyWait());
        this.monitoring = new DomainMonitoring(registry, operations, new GuestStats(java.nio.file.Path.of("/proc")));
        this.commandLines = new DomainCommandLines(registry, starter, xml);
        this.tuning = new DomainTuning(registry, operations, definer, xml,
                new GuestTuning(runtime, xml), new GuestThreads(java.nio.file.Path.of("/proc")), config.busyWait());
        this.guestAgent = new DomainGuestAgent(registry, operations);
        this.guestSaves = new GuestSaves(registry, starter, teardown, guestEvents, status, xml, jobs,
                dirs.state().resolve("qemu").resolve("save"), config.busyWait(), config.destroyGrace());
        this.saves = new DomainSaves(registry, guestSaves, jobs, procFs::cpuTimeNanos);
        this.snapshots = new DomainSnapshots(registry, new GuestSnapshots(new SnapshotStore(dirs.state().resolve("qemu").resolve("snapshot")),
                starter, registry, guestEvents, status, teardown, runtime, xml, jobs, config.busyWait(), config.destroyGrace(),
                config.backends().diskAccess().orElse(null)),
                definer, xml);
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
        Reconnector reconnector = new Reconnector(runtime, qmp, procFs, xml, guestEvents, config.destroyGrace(),
                consoles, registry);
        List<String> names = runtime.names();
        names.forEach(name -> runtime.read(runtime.paths(name)).ifPresent(r -> registry.noteId(r.id())));
        for (String name : names) {
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
        return define(domainXml, false).domain();
    }

    /**
     * {@link #define(String)}, saying whether a stored definition was replaced; with
     * {@code noReplace} (jvirsh define --no-replace) a name that has a definition is refused.
     *
     * @throws DomainConflictException as {@link #define(String)}, or {@code noReplace} and the name exists
     */
    public DefineResult define(String domainXml, boolean noReplace) {
        DomainDefiner.Defined d = definer.define(domainXml, noReplace);
        return new DefineResult(info(d.entry()), d.replaced());
    }

    /** Removes the stored definition; a running domain goes on running as a transient one. */
    public void undefine(String domain) {
        DomainEntry e = domain(domain);
        snapshots.refuseUndefine(e.name()); // as libvirt: neither may outlive the domain and come back with the next of its name
        saves.refuseUndefine(e.name());
        definer.undefine(e);
        if (e.guest() == null) {
            seeds.removeQuietly(e.name()); // the nested-lxd option's seed goes with the domain
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
        Domain def = xml.complete(xml.parse(domainXml, null), null);
        DomainEntry e = registry.create(def.name()).orElseThrow(() -> new DomainConflictException(
                "domain '" + def.name() + "' already exists; choose another name or start that one"));
        return info(e, operations.createTransient(e, def, paused));
    }

    public void setAutostart(String domain, boolean autostart) {
        definer.setAutostart(domain(domain), autostart);
    }

    /**
     * Replaces the state of the domain's emulated TPM (its first {@code <tpm><backend
     * type='emulator'>}) with {@code files}, name → bytes, as {@link Swtpms#replaceState} writes
     * them: for an import that brings libvirt's swtpm state. The domain must be shut off
     * ({@code invalid-state} otherwise) and have an emulated TPM ({@code operation-invalid}).
     */
    public void replaceTpmState(String domain, java.util.Map<String, byte[]> files) {
        DomainEntry e = domain(domain);
        try (var held = e.acquire(Operation.TPM_STATE, config.busyWait())) {
            Operation.TPM_STATE.check(e.name(), e.status());
            Domain def = e.persistent();
            if (def == null || def.devices().tpms().isEmpty() || !"emulator".equals(def.devices().tpms().get(0).backendType())) {
                throw new OperationInvalidException("domain '" + e.name() + "' has no emulated TPM (<tpm><backend type='emulator'>)");
            }
            try {
                swtpms.replaceState(e.name(), files);
            } catch (IllegalArgumentException bad) {
                throw new InvalidArgumentException(bad.getMessage());
            } catch (java.io.IOException io) {
                throw new StateStoreException("cannot write the TPM state of domain '" + e.name() + "' into "
                        + swtpms.stateDir(e.name()) + ": " + io.getMessage(), io);
            }
        }
    }

    // ---- lifecycle (the state machine: lifecycle.Operation) ---------------------------------

    /** Starts a defined domain: returns once QEMU runs the guest. */
    public DomainInfo start(String domain) {
        return start(domain, false);
    }

    /**
     * Starts a defined domain. {@code paused} (virsh's {@code start --paused}): QEMU is set up with
     * its CPUs stopped and never resumed, so the guest runs no instruction until {@link #resume};
     * the domain is then paused (user), as libvirt reports it, after the events started (booted)
     * and suspended (user). The run gets the next domain id.
     */
    public DomainInfo start(String domain, boolean paused) {
        DomainEntry e = domain(domain);
        if (guestSaves.hasManagedSave(e) && guestSaves.startManaged(e, paused)) {
            return info(e); // resumed from its managed save (virsh start does so too)
        }
        return info(e, operations.start(e, paused));
    }

    /**
     * Presses the ACPI power button and waits up to {@code timeout} for the guest to power off
     * ({@link Duration#ZERO}: do not wait). The result says whether it did.
     */
    public ShutdownResult shutdown(String domain, Duration timeout) {
        return operations.shutdown(domain(domain), timeout);
    }

    /**
     * {@link #shutdown(String, Duration)}; with {@code agent} (virsh's {@code shutdown --mode agent})
     * the guest agent is asked to power the guest off instead of the ACPI power button.
     *
     * @throws GuestAgentException agent, and the guest agent does not answer
     */
    public ShutdownResult shutdown(String domain, Duration timeout, boolean agent) {
        return operations.shutdown(domain(domain), timeout, agent);
    }

    /** Forces the domain off: SIGTERM, then SIGKILL after the grace period. Returns once QEMU is gone. */
    public DomainInfo destroy(String domain) {
        return destroy(domain, false);
    }

    /**
     * Forces the domain off: SIGTERM, then SIGKILL after {@link HypervisorConfig#destroyGrace()}.
     * {@code graceful} (virsh's {@code destroy --graceful}): SIGTERM only, never SIGKILL.
     * Returns once QEMU is gone.
     *
     * @throws DestroyTimeoutException graceful, and QEMU did not exit within the grace period
     *                                 (the domain is left as it was)
     */
    public DomainInfo destroy(String domain, boolean graceful) {
        DomainEntry e = domain(domain);
        return info(e, operations.destroy(e, graceful));
    }

    /** ACPI reboot: the guest's next poweroff is turned into a reset. Returns at once. */
    public void reboot(String domain) {
        operations.reboot(domain(domain));
    }

    /** Hard reset, like pressing the reset button. */
    public void reset(String domain) {
        operations.reset(domain(domain));
    }

    public DomainInfo suspend(String domain) {
        DomainEntry e = domain(domain);
        return info(e, operations.suspend(e));
    }

    public DomainInfo resume(String domain) {
        DomainEntry e = domain(domain);
        return info(e, operations.resume(e));
    }

    // ---- queries ----------------------------------------------------------------------------

    /**
     * The name of the domain {@code ref} names: a name; else a UUID (any case, dashes optional);
     * else the numeric id of an active domain.
     *
     * @throws NoSuchDomainException none is named so
     */
    public String resolve(String ref) {
        return domain(ref).name();
    }

    /** Every domain, each as one consistent snapshot (see {@link DomainInfo}). */
    public List<DomainInfo> list() {
        return registry.all().stream().map(e -> e.snapshot().current() == null ? null : info(e))
                .filter(Objects::nonNull).toList();
    }

    /** The domain's info, taken as one consistent snapshot: state, reason, id, pid, CPU time and sizes agree. */
    public DomainInfo info(String domain) {
        return info(domain(domain));
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

    public DomainStatus state(String domain) {
        return domain(domain).status();
    }

    /**
     * The console hub of running domain {@code domain}, which has read its serial console since
     * before the guest ran (its ring holds the recent output, its log is
     * {@link StateDirs#consoleLog}); empty when the definition has no serial or console.
     *
     * @throws NoSuchDomainException  no such domain
     * @throws InvalidStateException   the domain is not running or paused
     */
    public Optional<ConsoleHub> console(String domain) {
        return Optional.ofNullable(operations.guest(domain(domain), Operation.CONSOLE).consoleHub());
    }

    /**
     * The domain's XML: while active (unless {@code inactive}) the live definition as libvirt's live
     * XML has it (the id on the root, the machine type QEMU runs, the {@code <emulator>}), else the stored one.
     */
    public String xml(String domain, boolean inactive) {
        DomainEntry.Snapshot s = domain(domain).snapshot();
        if (s.guest() != null && !(inactive && s.persistent() != null)) {
            return xml.formatLive(s.current(), s.guest().id());
        }
        return xml.format(inactive && s.persistent() != null ? s.persistent() : s.current());
    }

    /** The domain's definition as a model (for domblklist, domiflist): the live one while active (unless {@code inactive}). */
    public Domain definition(String domain, boolean inactive) {
        DomainEntry.Snapshot s = domain(domain).snapshot();
        return inactive && s.persistent() != null ? s.persistent() : s.current();
    }

    /** The host's probed capabilities (QEMU binary cached on disk; KVM probed once per Hypervisor). */
    public HostCapabilities capabilities() {
        return capabilities.require();
    }

    /** Live tuning of domains: memory, vCPUs, NMI, screenshots. */
    public DomainTuning tuning() {
        return tuning;
    }

    /** Devices of domains: hotplug and their stored definitions' devices. */
    public DomainDevices devices() {
        return devices;
    }

    /** What QEMU would run for a domain or a definition (start --dry-run, domxml-to-native). */
    public DomainCommandLines commandLines() {
        return commandLines;
    }

    /** What running guests do through their QEMU guest agent (guest-exec, nested-status). */
    public DomainGuestAgent guestAgent() {
        return guestAgent;
    }

    /** Save and restore of domains, managed saves, and their long jobs (domjobinfo). */
    public DomainSaves saves() {
        return saves;
    }

    /** Snapshots of domains: internal (with memory while active), external disk-only, their metadata. */
    public DomainSnapshots snapshots() {
        return snapshots;
    }

    /** Statistics of running domains and their QEMU monitor. */
    public DomainMonitoring monitoring() {
        return monitoring;
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

    /** The entry of a domain that exists (one being defined for the first time does not yet), by name, UUID or id. */
    private DomainEntry domain(String ref) {
        return registry.resolve(ref);
    }

    private DomainInfo info(DomainEntry e) {
        return info(e, e.snapshot());
    }

    private DomainInfo info(DomainEntry e, DomainEntry.Snapshot s) {
        return s.info(e.name(), procFs::cpuTimeNanos);
    }
}
