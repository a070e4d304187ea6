package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.qmpclient.QmpClientFactory;
import dev.jvirt.qmpclient.QmpConnectOptions;
import dev.jvirt.qmpclient.QmpConnection;
import dev.jvirt.vmmcore.AcceleratorUnavailableException;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.StartFailedException;
import dev.jvirt.vmmcore.StateReason;
import dev.jvirt.vmmcore.VmmException;
import dev.jvirt.vmmcore.qemu.CapabilitiesProvider;
import dev.jvirt.vmmcore.qemu.CommandLineBuilder;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import dev.jvirt.vmmcore.qemu.HostCapabilities;
import dev.jvirt.vmmcore.qemu.LogTail;
import dev.jvirt.vmmcore.qemu.QemuLaunchException;
import dev.jvirt.vmmcore.qemu.QemuLauncher;
import dev.jvirt.vmmcore.qemu.QemuProcess;
import dev.jvirt.vmmcore.store.RuntimeRecord;
import dev.jvirt.vmmcore.store.RuntimeStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * Starts a guest in phases: {@link #prepare} (pure: capabilities, accelerator check, command
 * line), then prepare the host (runtime directory, live XML, status record — each step recorded
 * with its undo), launch QEMU paused and daemonized, record its pid, connect QMP, take over its
 * shutdown actions, {@code cont} (unless started paused), record the start as done. Any failure
 * undoes what was done, newest first. {@link StartPhase} says what a daemon killed in between
 * leaves, and what the next one does with it.
 */
public final class GuestStarter {
    /** sun_path holds 108 bytes including the terminating NUL. */
    private static final int MAX_SOCKET_PATH = 107;
    private final CapabilitiesProvider capabilities;
    private final CommandLineBuilder commandLine;
    private final RuntimeStore runtime;
    private final QemuLauncher launcher;
    private final QmpClientFactory qmp;
    private final DomainDefinitions definitions;
    private final Duration launchTimeout;
    private final GuestConsoles consoles;
    private final StartPhase.Observer observer;

    public GuestStarter(CapabilitiesProvider capabilities, CommandLineBuilder commandLine, RuntimeStore runtime,
                        QemuLauncher launcher, QmpClientFactory qmp, DomainDefinitions definitions,
                        Duration launchTimeout, GuestConsoles consoles, StartPhase.Observer observer) {
        this.consoles = consoles;
        this.observer = observer;
        this.capabilities = capabilities;
        this.commandLine = commandLine;
        this.runtime = runtime;
        this.launcher = launcher;
        this.qmp = qmp;
        this.definitions = definitions;
        this.launchTimeout = launchTimeout;
    }

    /** Phase 1, pure: the command line, or why the guest cannot start here. Touches no guest file. */
    public StartPlan prepare(Domain def) {
        HostCapabilities caps = capabilities(def.name());
        if (def.isKvm() && !caps.kvm().usable()) {
            throw new AcceleratorUnavailableException(def.name(), caps.kvm().reason());
        }
        GuestPaths paths = runtime.paths(def.name());
        for (var socket : java.util.List.of(paths.qmpSocket(), paths.consoleSocket())) {
            if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
                throw new StartFailedException(def.name(), "socket path " + socket + " is longer than the "
                        + MAX_SOCKET_PATH + " bytes a unix socket allows; use a shorter runtime directory or name", null);
            }
        }
        try {
            return new StartPlan(def, paths, commandLine.build(def, caps, paths));
        } catch (VmmException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StartFailedException(def.name(), "cannot build the QEMU command line: " + e.getMessage(), e);
        }
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
     * Phases 2 to 4. {@code watch} is called with the new guest before its CPUs may run, to handle
     * its events. With {@code paused} there is no {@code cont}: the guest never runs an
     * instruction until resumed. Returns with the entry active (running, booted; or paused, user)
     * and the runtime record ACTIVE. On failure nothing is left behind: no process, socket or
     * runtime file; the entry is shut off again.
     */
    public RunningGuest start(StartPlan plan, DomainEntry entry, boolean paused, BiConsumer<DomainEntry, RunningGuest> watch) {
        String name = plan.definition().name();
        HostSetup setup = new HostSetup();
        try {
            RuntimeRecord record = prepareHost(plan, setup);
            QemuProcess process = launch(plan, setup);
            observer.reached(name, StartPhase.LAUNCHED);
            record = record.launched(process.pid());
            runtime.write(plan.paths(), record); // from here a takeover finds this QEMU by the record alone
            observer.reached(name, StartPhase.PID_RECORDED);
            QmpConnection connection = connect(plan, name);
            setup.done("connect QMP", connection::close);
            RunningGuest g = new RunningGuest(plan.definition(), plan.paths(), process, connection, record);
            openConsole(plan, name, g, setup);
            GuestControl.takeOverActions(g, plan.definition());
            entry.activate(g, DomainStatus.of(DomainState.PAUSED, StateReason.STARTING_UP));
            setup.done("register the guest", () -> entry.deactivate(DomainStatus.of(DomainState.SHUTOFF, StateReason.FAILED)));
            watch.accept(entry, g);
            observer.reached(name, StartPhase.MONITOR_READY);
            DomainStatus done = paused ? DomainStatus.of(DomainState.PAUSED, StateReason.USER)
                    : DomainStatus.of(DomainState.RUNNING, StateReason.BOOTED);
            if (!paused) {
                GuestControl.cont(g, name);
            }
            g.record(record.active(done.state(), done.reason()));
            runtime.write(plan.paths(), g.record()); // the commit point: a takeover keeps this guest
            entry.status(done);
            setup.commit();
            observer.reached(name, StartPhase.COMMITTED);
            return g;
        } catch (QemuLaunchException e) {
            setup.rollback();
            throw new StartFailedException(name, e.getMessage(), e.output(), e);
        } catch (StartFailedException e) {
            setup.rollback();
            throw e;
        } catch (VmmException | IOException e) {
            java.util.List<String> tail = LogTail.read(plan.paths().qemuLog(), 10);
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

    /** The console hub connects while the guest is still paused (-S): it misses nothing the guest prints. */
    private void openConsole(StartPlan plan, String name, RunningGuest g, HostSetup setup) {
        ConsoleHub hub;
        try {
            hub = consoles.open(name, plan.paths(), plan.argv(), g.qmp(), false);
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

    private RuntimeRecord prepareHost(StartPlan plan, HostSetup setup) throws IOException {
        GuestPaths paths = plan.paths();
        if (Files.exists(paths.dir())) {
            runtime.remove(paths); // a leftover of a shut-off domain: nothing runs there
        }
        runtime.create(plan.definition().name());
        setup.done("create " + paths.dir(), () -> runtime.remove(paths));
        runtime.writeLiveXml(paths, definitions.format(plan.definition()));
        RuntimeRecord record = new RuntimeRecord(plan.definition().name(), RuntimeRecord.Phase.STARTING, 0,
                plan.argv().get(0), plan.argv(), DomainState.SHUTOFF, StateReason.UNKNOWN, System.currentTimeMillis());
        runtime.write(paths, record);
        return record;
    }

    private QemuProcess launch(StartPlan plan, HostSetup setup) throws QemuLaunchException, InterruptedException {
        QemuProcess process = launcher.launch(plan.argv(), plan.paths(), launchTimeout);
        setup.done("launch " + process, () -> process.stop(Duration.ofSeconds(2), () -> false));
        return process;
    }

    private QmpConnection connect(StartPlan plan, String name) throws InterruptedException {
        try {
            return qmp.connect(plan.paths().qmpSocket(), QmpConnectOptions.defaults()
                    .withConnectTimeout(Duration.ofSeconds(5))).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StartFailedException(name, "cannot connect to QEMU's QMP socket: " + cause.getMessage(),
                    LogTail.read(plan.paths().qemuLog(), 10), cause);
        }
    }
}
