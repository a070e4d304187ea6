package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.qmpclient.QmpClientFactory;
import dev.jvirt.qmpclient.QmpConnectOptions;
import dev.jvirt.qmpclient.QmpConnection;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.StateReason;
import dev.jvirt.vmmcore.VmmException;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import dev.jvirt.vmmcore.qemu.Passts;
import dev.jvirt.vmmcore.qemu.ProcFs;
import dev.jvirt.vmmcore.qemu.QemuLauncher;
import dev.jvirt.vmmcore.qemu.QemuProcess;
import dev.jvirt.vmmcore.store.GuestLaunch;
import dev.jvirt.vmmcore.store.RuntimeRecord;
import dev.jvirt.vmmcore.store.RuntimeStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over guests that a previous {@code Hypervisor} left running: reads each runtime
 * directory's status record, checks that the pid really is that guest's QEMU (its
 * /proc/PID/cmdline is the recorded command line, and it is no zombie), reconnects QMP. A guest
 * that died meanwhile is reported shut off (crashed), its passt helpers stopped and its runtime directory removed; a start
 * that did not finish is undone (its QEMU stopped, the domain shut off (failed)). A guest keeps
 * the id and console kind its record names; call {@link DomainRegistry#noteId} with every
 * recorded id first, so ids given afterwards continue after the largest.
 */
public final class Reconnector {
    private static final Logger log = LoggerFactory.getLogger(Reconnector.class);
    private final RuntimeStore runtime;
    private final QmpClientFactory qmp;
    private final ProcFs proc;
    private final DomainDefinitions definitions;
    private final GuestEventHandler handler;
    private final Duration grace;
    private final GuestConsoles consoles;
    private final DomainRegistry registry;

    public Reconnector(RuntimeStore runtime, QmpClientFactory qmp, ProcFs proc, DomainDefinitions definitions,
                       GuestEventHandler handler, Duration grace, GuestConsoles consoles, DomainRegistry registry) {
        this.consoles = consoles;
        this.registry = registry;
        this.runtime = runtime;
        this.qmp = qmp;
        this.proc = proc;
        this.definitions = definitions;
        this.handler = handler;
        this.grace = grace;
    }

    /**
     * A start that never finished (see {@link StartPhase}): its QEMU — named by the record, or by
     * QEMU's pidfile when the daemon died before recording the pid — was started with its CPUs
     * stopped, ran the guest at most for the instant between {@code cont} and the commit record,
     * and nobody was told the start succeeded. Like libvirt with a guest still "paused (starting
     * up)", stop it: the domain is shut off (failed), and a new start begins clean.
     */
    private void stopInterruptedStart(DomainEntry e, GuestPaths paths, RuntimeRecord r) {
        long pid = r.pid() > 0 ? r.pid() : QemuLauncher.readPid(paths).orElse(0);
        QemuProcess process = new QemuProcess(pid, proc);
        if (pid > 0 && process.runs(r.argv())) {
            log.warn("domain '{}': a start was interrupted; stopping {} (the start was never acknowledged)", e.name(), process);
            if (!process.stop(grace, () -> false)) {
                log.error("domain '{}': {} did not exit after SIGTERM and SIGKILL", e.name(), process);
            }
        } else {
            log.warn("domain '{}': a start was interrupted before QEMU ran; cleaning up", e.name());
        }
        Passts.stopRecorded(paths, proc);
        runtime.remove(paths);
        e.deactivate(DomainStatus.of(DomainState.SHUTOFF, StateReason.FAILED));
    }

    /** Recovers {@code e} from its runtime directory; call with its lock held. */
    public void recover(DomainEntry e) {
        GuestPaths paths = runtime.paths(e.name());
        Optional<RuntimeRecord> found = runtime.read(paths);
        if (found.isEmpty()) {
            log.warn("domain '{}': runtime directory {} has no status record; removing it", e.name(), paths.dir());
            Passts.stopRecorded(paths, proc);
            runtime.remove(paths);
            return;
        }
        RuntimeRecord r = found.get();
        if (r.phase() == RuntimeRecord.Phase.STARTING) {
            stopInterruptedStart(e, paths, r);
            return;
        }
        QemuProcess process = new QemuProcess(r.pid(), proc);
        boolean ours = r.pid() > 0 && process.runs(r.argv());
        if (!ours) {
            log.warn("domain '{}': QEMU pid {} is gone (or is no longer this guest's QEMU); it crashed meanwhile",
                    e.name(), r.pid());
            Passts.stopRecorded(paths, proc); // its passt NICs' helpers, if --one-off has not ended them yet
            runtime.remove(paths);
            e.status(DomainStatus.of(DomainState.SHUTOFF, StateReason.CRASHED));
            return;
        }
        Domain live = runtime.readLiveXml(paths).map(xml -> definitions.reload(xml, paths.liveXml().toString()))
                .orElse(e.persistent());
        QmpConnection connection;
        try {
            connection = qmp.connect(paths.qmpSocket(), QmpConnectOptions.defaults()
                    .withConnectTimeout(Duration.ofSeconds(5))).get(15, TimeUnit.SECONDS);
        } catch (Exception ex) {
            log.error("domain '{}': {} runs but its QMP socket {} does not answer ({}); leaving it alone",
                    e.name(), process, paths.qmpSocket(), ex.toString());
            return;
        }
        GuestLaunch launch = r.launch();
        if (launch.id() <= 0) {
            launch = launch.withId(registry.nextId()); // recorded by a jvirtd that kept ids in memory only
            runtime.write(paths, RuntimeRecord.of(e.name(), r.phase(), launch, r.status()));
        }
        RunningGuest g = new RunningGuest(live, paths, process, connection, launch, List.of());
        try {
            g.consoleHub(consoles.open(e.name(), paths, launch.console(), connection, true));
        } catch (RuntimeException ex) {
            log.error("domain '{}': cannot reconnect its console hub ({}); it runs without a console",
                    e.name(), ex.getMessage());
        }
        e.activate(g, r.status());
        try {
            GuestControl.takeOverActions(g, live);
            handler.watch(e, g);
            handler.reconcile(e, g);
            log.info("domain '{}': reconnected to {} ({})", e.name(), process, e.status().describe());
        } catch (VmmException ex) {
            log.error("domain '{}': reconnected to {} but: {}", e.name(), process, ex.getMessage());
        }
    }
}
