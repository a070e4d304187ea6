package dev.jvirt.vmmcore;

import dev.jvirt.console.keeper.KeepRequest;
import dev.jvirt.vmmcore.HostCapabilities.KvmSupport;
import dev.jvirt.vmmcore.host.HostBackends;
import dev.jvirt.vmmcore.lifecycle.StartPhase;
import dev.jvirt.vmmcore.qemu.KvmProbe;
import dev.jvirt.vmmcore.qemu.argv.CommandLineBuilder;
import dev.jvirt.vmmcore.qemu.argv.QemuCommandLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a {@link Hypervisor} runs.
 *
 * @param dirs          state and runtime directories
 * @param emulator      the QEMU binary
 * @param commandLine   definition + capabilities + paths + the host phase's launch options → QEMU argv
 *                      ({@link QemuCommandLine#plan} by default)
 * @param busyWait      how long an operation waits for another one on the same domain before
 *                      failing with {@link DomainBusyException}
 * @param destroyGrace  how long {@code destroy} waits after SIGTERM before SIGKILL (a graceful
 *                      destroy: before it gives up)
 * @param launchTimeout how long QEMU may take to set up (until it daemonizes)
 * @param kvmProbe      whether KVM can run guests here (probed for real by default)
 * @param consoleLogBytes the size at which a console hub's log ({@link StateDirs#consoleLog}) rotates
 * @param consoleLogKeep  rotated console log files kept besides the current one
 * @param startObserver   told of each {@link StartPhase} a start reaches (nothing by default)
 * @param backends        what prepares TAPs and volumes in the host phase of a start (none by default)
 * @param unplugWait      how long a detach waits for the guest to let go of a device (QEMU's
 *                        {@code DEVICE_DELETED}) before it answers that the guest has not yet; the
 *                        device still goes from the live definition when the guest lets go later
 */
public record HypervisorConfig(
        StateDirs dirs,
        Path emulator,
        CommandLineBuilder commandLine,
        Duration busyWait,
        Duration destroyGrace,
        Duration launchTimeout,
        Supplier<KvmSupport> kvmProbe,
        long consoleLogBytes,
        int consoleLogKeep,
        StartPhase.Observer startObserver,
        HostBackends backends,
        Duration unplugWait) {

    public static final Path DEFAULT_EMULATOR = Path.of("/usr/bin/qemu-system-x86_64");

    public HypervisorConfig {
        Objects.requireNonNull(dirs, "dirs");
        Objects.requireNonNull(emulator, "emulator");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(busyWait, "busyWait");
        Objects.requireNonNull(destroyGrace, "destroyGrace");
        Objects.requireNonNull(launchTimeout, "launchTimeout");
        Objects.requireNonNull(kvmProbe, "kvmProbe");
        Objects.requireNonNull(startObserver, "startObserver");
        Objects.requireNonNull(backends, "backends");
        Objects.requireNonNull(unplugWait, "unplugWait");
        if (consoleLogBytes <= 0 || consoleLogKeep < 0) {
            throw new IllegalArgumentException("console log bounds must be positive");
        }
    }

    /** Defaults: {@code /usr/bin/qemu-system-x86_64}, wait 2 s for a busy domain, 5 s SIGTERM grace, 30 s launch. */
    public static HypervisorConfig of(StateDirs dirs) {
        return new HypervisorConfig(dirs, DEFAULT_EMULATOR,
                QemuCommandLine::plan,
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30), () -> KvmProbe.system().probe(),
                KeepRequest.DEFAULT_LOG_FILE_BYTES, KeepRequest.DEFAULT_LOG_KEEP, StartPhase.Observer.NONE,
                HostBackends.none(), Duration.ofSeconds(20));
    }

    public HypervisorConfig withEmulator(Path path) {
        return new HypervisorConfig(dirs, path, commandLine, busyWait, destroyGrace, launchTimeout, kvmProbe, consoleLogBytes, consoleLogKeep, startObserver, backends, unplugWait);
    }

    public HypervisorConfig withCommandLine(CommandLineBuilder builder) {
        return new HypervisorConfig(dirs, emulator, builder, busyWait, destroyGrace, launchTimeout, kvmProbe, consoleLogBytes, consoleLogKeep, startObserver, backends, unplugWait);
    }

    public HypervisorConfig withBusyWait(Duration wait) {
        return new HypervisorConfig(dirs, emulator, commandLine, wait, destroyGrace, launchTimeout, kvmProbe, consoleLogBytes, consoleLogKeep, startObserver, backends, unplugWait);
    }

    public HypervisorConfig withDestroyGrace(Duration grace) {
        return new HypervisorConfig(dirs, emulator, commandLine, busyWait, grace, launchTimeout, kvmProbe, consoleLogBytes, consoleLogKeep, startObserver, backends, unplugWait);
    }

    /** Console hub logs rotate at {@code fileBytes}, keeping {@code keep} rotated files: at most fileBytes × (1 + keep) per domain. */
    public HypervisorConfig withConsoleLog(long fileBytes, int keep) {
        return new HypervisorConfig(dirs, emulator, commandLine, busyWait, destroyGrace, launchTimeout, kvmProbe, fileBytes, keep, startObserver, backends, unplugWait);
    }

    public HypervisorConfig withKvmProbe(Supplier<KvmSupport> probe) {
        return new HypervisorConfig(dirs, emulator, commandLine, busyWait, destroyGrace, launchTimeout, probe, consoleLogBytes, consoleLogKeep, startObserver, backends, unplugWait);
    }

    /** {@code observer} is told of each phase a start reaches. */
    public HypervisorConfig withStartObserver(StartPhase.Observer observer) {
        return new HypervisorConfig(dirs, emulator, commandLine, busyWait, destroyGrace, launchTimeout, kvmProbe,
                consoleLogBytes, consoleLogKeep, observer, backends, unplugWait);
    }

    public HypervisorConfig withUnplugWait(Duration wait) {
        return new HypervisorConfig(dirs, emulator, commandLine, busyWait, destroyGrace, launchTimeout, kvmProbe,
                consoleLogBytes, consoleLogKeep, startObserver, backends, wait);
    }

    /** Devices these backends serve (network and bridge interfaces, volume disks) get their host side from them at start. */
    public HypervisorConfig withBackends(HostBackends hostBackends) {
        return new HypervisorConfig(dirs, emulator, commandLine, busyWait, destroyGrace, launchTimeout, kvmProbe,
                consoleLogBytes, consoleLogKeep, startObserver, hostBackends, unplugWait);
    }
}
