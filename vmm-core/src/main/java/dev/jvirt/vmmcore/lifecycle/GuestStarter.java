package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.qmpclient.QmpClientFactory;
import dev.jvirt.qmpclient.QmpConnectOptions;
import dev.jvirt.qmpclient.QmpConnection;
import dev.jvirt.vmmcore.AcceleratorUnavailableException;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.HostCapabilities;
import dev.jvirt.vmmcore.StartFailedException;
import dev.jvirt.vmmcore.StartRefusedException;
import dev.jvirt.vmmcore.StateReason;
import dev.jvirt.vmmcore.VmmException;
import dev.jvirt.vmmcore.host.HostBackends;
import dev.jvirt.domainxml.domain.NestedLxd;
import dev.jvirt.vmmcore.qemu.CapabilitiesProvider;
import dev.jvirt.vmmcore.qemu.CloudInitSeeds;
import dev.jvirt.vmmcore.qemu.NestedVirt;
import dev.jvirt.vmmcore.qemu.argv.NestedLxdDevices;
import dev.jvirt.vmmcore.qemu.argv.NestedLxdDevices.Nesting;
import dev.jvirt.vmmcore.qemu.Firmwares;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import dev.jvirt.vmmcore.qemu.LogTail;
import dev.jvirt.vmmcore.qemu.QemuLaunchException;
import dev.jvirt.vmmcore.qemu.QemuLauncher;
import dev.jvirt.vmmcore.qemu.QemuProcess;
import dev.jvirt.vmmcore.qemu.SpicePorts;
import dev.jvirt.vmmcore.qemu.Passts;
import dev.jvirt.vmmcore.security.CurrentUser;
import dev.jvirt.vmmcore.qemu.ProcFs;
import dev.jvirt.vmmcore.qemu.Swtpms;
import dev.jvirt.vmmcore.qemu.argv.CommandLineBuilder;
import dev.jvirt.vmmcore.qemu.argv.CommandLineException;
import dev.jvirt.vmmcore.qemu.argv.CommandLinePlan;
import dev.jvirt.vmmcore.qemu.argv.LaunchOptions;
import dev.jvirt.vmmcore.store.GuestLaunch;
import dev.jvirt.vmmcore.store.RuntimeRecord;
import dev.jvirt.vmmcore.store.RuntimeStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a guest in four phases. (1) {@link #prepare}, pure: capabilities, accelerator check,
 * runtime paths. (2) The host ({@link HostPreparation}): TAPs and volumes from the registered
 * backends, then the command line — a pure function of the definition, the capabilities and the
 * launch options the host phase made — then the runtime directory, live XML and status record.
 * (3) Launch QEMU paused and daemonized, record its pid. (4) Finish: connect QMP, open the
 * console hub, take over the shutdown actions, {@code cont} (unless started paused), record the
 * start as done. Every host step is recorded with its undo in a {@link HostSetup}; any failure
 * undoes them, newest first. {@link StartPhase} says what a daemon killed in between leaves, and
 * what the next one does with it.
 */
public final class GuestStarter {
    /** sun_path holds 108 bytes including the terminating NUL. */
    private static final int MAX_SOCKET_PATH = 107;
    private static final Logger log = LoggerFactory.getLogger(GuestStarter.class);
    private final CapabilitiesProvider capabilities;
    private final CommandLineBuilder commandLine;
    private final HostPreparation host;
    private final RuntimeStore runtime;
    private final QemuLauncher launcher;
    private final QmpClientFactory qmp;
    private final DomainDefinitions definitions;
    private final Duration launchTimeout;
    private final GuestConsoles consoles;
    private final StartPhase.Observer observer;
    private final Firmwares firmwares;
    private final Swtpms swtpms;
    private final CloudInitSeeds seeds;

    /** What a start needs besides the domain: how to build, prepare, launch and watch. */
    public record Tools(CapabilitiesProvider capabilities, CommandLineBuilder commandLine, HostBackends backends,
                        RuntimeStore runtime, QemuLauncher launcher, QmpClientFactory qmp, DomainDefinitions definitions,
                        Duration launchTimeout, GuestConsoles consoles, StartPhase.Observer observer, Firmwares firmwares,
                        Swtpms swtpms, CloudInitSeeds seeds) {
    }

    public GuestStarter(Tools t) {
        this.capabilities = t.capabilities();
        this.commandLine = t.commandLine();
        this.host = new HostPreparation(t.backends());
        this.runtime = t.runtime();
        this.launcher = t.launcher();
        this.qmp = t.qmp();
        this.definitions = t.definitions();
        this.launchTimeout = t.launchTimeout();
        this.consoles = t.consoles();
        this.observer = t.observer();
        this.firmwares = t.firmwares();
        this.swtpms = t.swtpms();
        this.seeds = t.seeds();
    }

    /** Phase 1, pure: what the start works from, or why the guest cannot start here. Touches no guest file. */
    public StartPlan prepare(Domain def) {
        StartPlan plan;
        try {
            plan = plan(def);
        } catch (CommandLineException e) {
            throw new StartFailedException(def.name(), "cannot build the QEMU command line: " + e.getMessage(), e);
        }
        HostCapabilities caps = plan.capabilities();
        if (def.isKvm() && !caps.kvm().usable()) {
            throw new AcceleratorUnavailableException(def.name(), caps.kvm().reason());
        }
        for (Path socket : List.of(plan.paths().qmpSocket(), plan.paths().consoleSocket())) {
            if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
                throw new StartFailedException(def.name(), "socket path " + socket + " is longer than the "
                        + MAX_SOCKET_PATH + " bytes a unix socket allows; use a shorter runtime directory or name", null);
            }
        }
        return plan;
    }

    /** The definition with this host's capabilities and its runtime paths, unchecked (domxml-to-native). */
    public StartPlan plan(Domain def) {
        HostCapabilities caps = capabilities(def.name());
        // <os firmware='efi'>: the firmware chosen from QEMU's descriptors, as libvirt does at start
        Domain d = firmwares.resolve(def, caps);
        if (NestedLxd.of(d).isPresent()) {
            // the nested-LXD option: its seed, the guest agent channel, the nesting CPU flags for KVM
            d = NestedLxdDevices.apply(d, seeds.path(d.name()), d.isKvm() ? nesting(d.name()) : Nesting.NONE);
        }
        return new StartPlan(d, caps, runtime.paths(def.name()));
    }

    private static Nesting nesting(String domain) {
        NestedVirt.Probe p = NestedVirt.probe();
        if (p.nesting() == Nesting.NONE) {
            log.warn("domain '{}': nested-lxd without nested virtualization ({}): LXD containers run, LXD VMs do not",
                    domain, p.reason());
        }
        return p.nesting();
    }

    /**
     * The command line of {@code plan} with nothing prepared on the host (no TAP, volumes as
     * written): what a dry run and domxml-to-native show.
     *
     * @throws CommandLineException when the definition cannot run with this QEMU
     */
    public CommandLinePlan dryRun(StartPlan plan) {
        // as libvirt's domxml-to-native: automatic SPICE ports are chosen among the free ones, and
        // each NIC that a start gives a TAP shows the descriptor form a start passes (fd=3, 4, ...)
        LaunchOptions options = LaunchOptions.defaults();
        java.util.List<dev.jvirt.domainxml.domain.NetInterface> nics = plan.definition().devices().interfaces();
        int fd = 3;
        for (int i = 0; i < nics.size(); i++) {
            String type = nics.get(i).type();
            if ("network".equals(type) || "bridge".equals(type) || "ethernet".equals(type) || "direct".equals(type)) {
                options = options.withNetBackend(dev.jvirt.vmmcore.qemu.argv.DeviceIds.net(i),
                        new dev.jvirt.vmmcore.qemu.argv.NetBackend.TapFd(fd++, null));
            }
        }
        return commandLine.plan(SpicePorts.assign(plan.definition()), plan.capabilities(), plan.paths(), options);
    }

    public HostCapabilities capabilities(String domain) {
        try {
            return capabilities.get();
        } catch (IOException e) {
            throw new StartFailedException(domain, "cannot probe the QEMU binary: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailedException(domain, "interrupted while probing QEMU", e);
        }
    }

    /**
     * Phases 2 to 4 for run {@code id} of the domain. {@code watch} is called with the new guest
     * before its CPUs may run, to handle its events. With {@code paused} there is no {@code cont}:
     * the guest never runs an instruction until resumed. Returns with the entry active (running,
     * booted; or paused, user) and the runtime record ACTIVE. On failure nothing is left behind:
     * no process, socket, runtime file or host resource; the entry is shut off again.
     */
    public RunningGuest start(StartPlan plan, int id, DomainEntry entry, boolean paused,
                              BiConsumer<DomainEntry, RunningGuest> watch) {
        return start(plan, id, entry, paused, watch, null);
    }

    /**
     * What a start that resumes a saved guest (restore, a managed save, a snapshot's memory) does
     * in phase 4, with the CPUs still stopped: QEMU runs with {@code -incoming defer} and this
     * feeds it the state. A failure fails the start, undone as any other.
     */
    @FunctionalInterface
    public interface Incoming {
        void receive(RunningGuest g) throws IOException, InterruptedException;

        /** Whether QEMU waits for a migration stream ({@code -incoming defer}); a snapshot's memory is loaded without. */
        default boolean migrationStream() {
            return true;
        }
    }

    /** {@link #start(StartPlan, int, DomainEntry, boolean, BiConsumer)}; with {@code incoming} (may be null) the guest's state loaded from a save. */
    public RunningGuest start(StartPlan plan, int id, DomainEntry entry, boolean paused,
                              BiConsumer<DomainEntry, RunningGuest> watch, Incoming incoming) {
        String name = plan.name();
        HostSetup setup = new HostSetup();
        consoles.warmUp(); // the console keeper starts while QEMU does
        try {
            try {
                firmwares.prepareVars(plan.definition()); // kept across starts, like the disks: no undo
            } catch (IOException e) {
                throw new StartFailedException(name, "cannot create the UEFI variables store: " + e.getMessage(), e);
            }
            writeSeed(plan);
            String passt = Passts.refusal(plan.definition(), CurrentUser.uid());
            if (passt != null) {
                throw new StartRefusedException(name, StartRefusedException.Kind.UNSUPPORTED_CONFIG, passt,
                        "run the guest in a session (jvirsh -c vmm:///session as a user), or give it <interface type='network'>");
            }
            HostPreparation.Host prepared = host.prepare(plan, setup);
            StartChecks.check(prepared.resolved());
            CommandLinePlan cmd = build(plan, prepared);
            if (incoming != null && incoming.migrationStream()) {
                List<String> argv = new java.util.ArrayList<>(cmd.argv());
                argv.addAll(List.of("-incoming", "defer"));
                cmd = new CommandLinePlan(argv, cmd.devices(), cmd.console());
            }
            Domain live = LiveDefinition.of(plan.definition(), plan.capabilities(), cmd.argv(), prepared.options());
            GuestLaunch launch = createRuntime(plan, live, id, cmd, setup);
            Passts.start(plan.definition(), plan.paths(),
                    pid -> setup.done("start passt " + pid, () -> Passts.stop(pid))); // it ends with QEMU otherwise (--one-off)
            for (long pid : swtpms.start(plan.definition(), plan.paths())) {
                setup.done("start swtpm " + pid, () -> Swtpms.stop(pid)); // it ends with QEMU otherwise (--terminate)
            }
            QemuProcess process = launch(plan, cmd, prepared.inherit(), setup);
            observer.reached(name, StartPhase.LAUNCHED);
            launch = launch.withPid(process.pid());
            runtime.write(plan.paths(), RuntimeRecord.of(name, RuntimeRecord.Phase.STARTING, launch,
                    DomainStatus.of(DomainState.PAUSED, StateReason.STARTING_UP))); // a takeover finds this QEMU by the record alone
            observer.reached(name, StartPhase.PID_RECORDED);
            RunningGuest created = new RunningGuest(live, plan.paths(), process, connect(plan), launch, prepared.releases());
            prepared.volumeReleases().forEach(created::hotplugged); // volume disks' leases by target, for a detach
            RunningGuest g = finish(plan, entry, paused, watch, setup, created, incoming);
            observer.reached(name, StartPhase.COMMITTED);
            return g;
        } catch (QemuLaunchException e) {
            setup.rollback();
            throw QemuFailures.classify(name, e.output()).<StartFailedException>map(r -> r)
                    .orElseGet(() -> new StartFailedException(name, e.getMessage(), e.output(), e));
        } catch (StartFailedException e) {
            setup.rollback();
            throw e;
        } catch (VmmException | IOException e) {
            List<String> tail = LogTail.read(plan.paths().qemuLog(), 10);
            setup.rollback();
            throw new StartFailedException(name, e.getMessage(), tail, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            setup.rollback();
            throw new StartFailedException(name, "interrupted", e);
        } catch (RuntimeException | Error e) {
            setup.rollback();
            throw e;
        }
    }

    /** The nested-LXD option's cloud-init seed, written anew at each start (kept until undefine: no undo). */
    private void writeSeed(StartPlan plan) throws InterruptedException {
        var option = NestedLxd.of(plan.definition());
        if (option.isEmpty()) {
            return;
        }
        if (!plan.definition().isKvm()) {
            log.info("domain '{}': nested-lxd under TCG: LXD containers only, no nested virtual machines", plan.name());
        }
        try {
            seeds.write(plan.definition(), option.get());
        } catch (IOException e) {
            throw new StartFailedException(plan.name(), "cannot write the nested-lxd cloud-init seed: " + e.getMessage(), e);
        }
    }

    private CommandLinePlan build(StartPlan plan, HostPreparation.Host prepared) {
        try {
            return commandLine.plan(prepared.resolved(), plan.capabilities(), plan.paths(), prepared.options());
        } catch (VmmException e) {
            throw e;
        } catch (CommandLineException e) {
            throw new StartRefusedException(plan.name(), StartRefusedException.Kind.UNSUPPORTED_CONFIG, e.getMessage(),
                    "correct it in the definition (jvirsh edit " + plan.name() + ")");
        } catch (RuntimeException e) {
            throw new StartFailedException(plan.name(), "cannot build the QEMU command line: " + e.getMessage(), e);
        }
    }

    /** Phase 4: the guest is set up over QMP while its CPUs are stopped, then committed. */
    private RunningGuest finish(StartPlan plan, DomainEntry entry, boolean paused, BiConsumer<DomainEntry, RunningGuest> watch,
                                HostSetup setup, RunningGuest g, Incoming incoming) throws IOException, InterruptedException {
        String name = plan.name();
        setup.done("connect QMP", g.qmp()::close);
        openConsole(plan, name, g, setup);
        GuestControl.takeOverActions(g, plan.definition());
        entry.activate(g, DomainStatus.of(DomainState.PAUSED, StateReason.STARTING_UP));
        setup.done("register the guest", () -> entry.deactivate(DomainStatus.of(DomainState.SHUTOFF, StateReason.FAILED)));
        watch.accept(entry, g);
        observer.reached(name, StartPhase.MONITOR_READY);
        if (incoming != null) {
            incoming.receive(g);
        }
        DomainStatus done = paused ? DomainStatus.of(DomainState.PAUSED, StateReason.USER)
                : DomainStatus.of(DomainState.RUNNING, incoming != null ? StateReason.RESTORED : StateReason.BOOTED);
        if (!paused) {
            GuestControl.cont(g, name);
        }
        runtime.write(plan.paths(), RuntimeRecord.of(name, RuntimeRecord.Phase.ACTIVE, g.launch(), done)); // the commit point
        entry.status(done);
        setup.commit();
        return g;
    }

    /** The console hub connects while the guest is still paused (-S): it misses nothing the guest prints. */
    private void openConsole(StartPlan plan, String name, RunningGuest g, HostSetup setup) {
        ConsoleHub hub;
        try {
            hub = consoles.open(name, plan.paths(), g.launch().console(), g.qmp(), false);
        } catch (RuntimeException e) {
            throw new StartFailedException(name, "cannot connect the console hub: " + e.getMessage(),
                    LogTail.read(plan.paths().qemuLog(), 10), e);
        }
        if (hub != null) {
            g.consoleHub(hub);
            setup.done("connect the console hub", () -> {
                g.consoleHub(null);
                hub.close();
            });
        }
    }

    /** The runtime directory, the live XML and the first status record (STARTING, no pid yet). */
    private GuestLaunch createRuntime(StartPlan plan, Domain live, int id, CommandLinePlan cmd, HostSetup setup)
            throws IOException {
        GuestPaths paths = plan.paths();
        if (Files.exists(paths.dir())) {
            Passts.stopRecorded(paths, ProcFs.system()); // a passt that outlived its guest's QEMU (--one-off ends it)
            runtime.remove(paths); // a leftover of a shut-off domain: nothing else runs there
        }
        runtime.create(plan.name());
        setup.done("create " + paths.dir(), () -> runtime.remove(paths));
        runtime.writeLiveXml(paths, definitions.format(live));
        GuestLaunch launch = new GuestLaunch(id, 0, cmd.argv().get(0), cmd.argv(), cmd.console(), System.currentTimeMillis());
        runtime.write(paths, RuntimeRecord.of(plan.name(), RuntimeRecord.Phase.STARTING, launch,
                DomainStatus.of(DomainState.SHUTOFF, StateReason.UNKNOWN)));
        return launch;
    }

    private QemuProcess launch(StartPlan plan, CommandLinePlan cmd, java.util.Map<Integer, Integer> inherit, HostSetup setup)
            throws QemuLaunchException, InterruptedException {
        QemuProcess process = launcher.launch(cmd.argv(), plan.paths(), launchTimeout, inherit);
        setup.done("launch " + process, () -> process.stop(Duration.ofSeconds(2), () -> false));
        return process;
    }

    private QmpConnection connect(StartPlan plan) throws InterruptedException {
        try {
            return qmp.connect(plan.paths().qmpSocket(), QmpConnectOptions.defaults()
                    .withConnectTimeout(Duration.ofSeconds(5))).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StartFailedException(plan.name(), "cannot connect to QEMU's QMP socket: " + cause.getMessage(),
                    LogTail.read(plan.paths().qemuLog(), 10), cause);
        }
    }
}
