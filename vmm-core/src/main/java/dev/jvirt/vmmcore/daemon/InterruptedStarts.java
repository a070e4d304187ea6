package dev.jvirt.vmmcore.daemon;

import dev.jvirt.vmmcore.StateDirs;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import dev.jvirt.vmmcore.qemu.ProcFs;
import dev.jvirt.vmmcore.qemu.QemuProcess;
import dev.jvirt.vmmcore.store.RuntimeRecord;
import dev.jvirt.vmmcore.store.RuntimeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stopgap until the hypervisor's reconnect does it: a daemon killed during a start leaves a
 * runtime record in phase STARTING with pid 0 (the pid is recorded only once the guest runs), and
 * the reconnect then removes the directory but not the QEMU that {@code -daemonize} left behind,
 * paused, holding its disks. Before the hypervisor opens, this stops such a QEMU, found by its
 * pidfile and checked against the recorded command line.
 */
final class InterruptedStarts {
    private static final Logger log = LoggerFactory.getLogger(InterruptedStarts.class);

    private InterruptedStarts() {
    }

    static void stopOrphans(StateDirs dirs) {
        RuntimeStore runtime = new RuntimeStore(dirs.qemuRuntime());
        ProcFs proc = ProcFs.system();
        for (String name : runtime.names()) {
            GuestPaths paths = runtime.paths(name);
            Optional<RuntimeRecord> record = runtime.read(paths);
            if (record.isEmpty() || record.get().phase() != RuntimeRecord.Phase.STARTING || record.get().pid() > 0) {
                continue;
            }
            long pid = readPid(paths);
            if (pid <= 0) {
                continue;
            }
            QemuProcess qemu = new QemuProcess(pid, proc);
            if (qemu.runs(record.get().argv())) {
                log.warn("domain '{}': stopping {} left by a start that jvirtd did not finish", name, qemu);
                qemu.stop(Duration.ofSeconds(2), () -> false);
            }
        }
    }

    private static long readPid(GuestPaths paths) {
        try {
            return Files.exists(paths.pidFile()) ? Long.parseLong(Files.readString(paths.pidFile()).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
