package dev.jvirt.vmmcore.qemu;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a QEMU command line that daemonizes ({@code -daemonize -pidfile}): the launched process
 * exits once QEMU is set up (or has failed), leaving the daemon running. stdout and stderr go to
 * {@link GuestPaths#qemuLog()}.
 */
public final class QemuLauncher {
    private static final int TAIL_LINES = 10;
    private final ProcFs proc;

    public QemuLauncher(ProcFs proc) {
        this.proc = proc;
    }

    /** Launches and returns the daemonized QEMU; on failure throws with QEMU's last lines. */
    public QemuProcess launch(List<String> argv, GuestPaths paths, Duration timeout)
            throws QemuLaunchException, InterruptedException {
        return launch(argv, paths, timeout, Map.of());
    }

    /**
     * {@link #launch(List, GuestPaths, Duration)}, QEMU inheriting {@code inherit} (descriptor in
     * this process → its number in QEMU's: the TAPs of {@code -netdev tap,fd=N}).
     */
    public QemuProcess launch(List<String> argv, GuestPaths paths, Duration timeout, Map<Integer, Integer> inherit)
            throws QemuLaunchException, InterruptedException {
        if (!inherit.isEmpty()) {
            return launchWithFds(argv, paths, timeout, inherit);
        }
        File log = paths.qemuLog().toFile();
        Process launcher;
        try {
            launcher = new ProcessBuilder(argv)
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectOutput(Redirect.appendTo(log))
                    .redirectError(Redirect.appendTo(log))
                    .start();
        } catch (IOException e) {
            throw new QemuLaunchException("cannot run " + argv.get(0) + ": " + e.getMessage(), List.of(), e);
        }
        if (!launcher.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            launcher.destroyForcibly();
            readPid(paths).ifPresent(pid -> new QemuProcess(pid, proc).kill());
            throw new QemuLaunchException("QEMU did not finish setting up within " + timeout.toSeconds() + " s",
                    LogTail.read(paths.qemuLog(), TAIL_LINES), null);
        }
        int exit = launcher.exitValue();
        if (exit != 0) {
            // A failed QEMU exits on its own; should a daemon half-exist, do not leave it behind.
            readPid(paths).ifPresent(pid -> new QemuProcess(pid, proc).stop(Duration.ofSeconds(1), () -> false));
            throw new QemuLaunchException("QEMU exited with status " + exit, LogTail.read(paths.qemuLog(), TAIL_LINES), null);
        }
        long pid = readPid(paths).orElseThrow(() -> new QemuLaunchException("QEMU started but wrote no pidfile "
                + paths.pidFile(), LogTail.read(paths.qemuLog(), TAIL_LINES), null));
        return new QemuProcess(pid, proc);
    }

    private QemuProcess launchWithFds(List<String> argv, GuestPaths paths, Duration timeout, Map<Integer, Integer> inherit)
            throws QemuLaunchException, InterruptedException {
        int launcher;
        try {
            launcher = FdSpawn.spawn(argv, inherit, paths.qemuLog());
        } catch (IOException | RuntimeException e) {
            throw new QemuLaunchException("cannot run " + argv.get(0) + ": " + e.getMessage(), List.of(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int exit;
        while ((exit = FdSpawn.exitStatus(launcher)) < 0) {
            if (System.nanoTime() > deadline) {
                FdSpawn.kill(launcher);
                readPid(paths).ifPresent(pid -> new QemuProcess(pid, proc).kill());
                throw new QemuLaunchException("QEMU did not finish setting up within " + timeout.toSeconds() + " s",
                        LogTail.read(paths.qemuLog(), TAIL_LINES), null);
            }
            Thread.sleep(10);
        }
        if (exit != 0) {
            readPid(paths).ifPresent(pid -> new QemuProcess(pid, proc).stop(Duration.ofSeconds(1), () -> false));
            throw new QemuLaunchException("QEMU exited with status " + exit, LogTail.read(paths.qemuLog(), TAIL_LINES), null);
        }
        long pid = readPid(paths).orElseThrow(() -> new QemuLaunchException("QEMU started but wrote no pidfile "
                + paths.pidFile(), LogTail.read(paths.qemuLog(), TAIL_LINES), null));
        return new QemuProcess(pid, proc);
    }

    /** The pid in QEMU's pidfile, if it wrote one. */
    public static java.util.OptionalLong readPid(GuestPaths paths) {
        try {
            String text = Files.readString(paths.pidFile(), StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }
}
