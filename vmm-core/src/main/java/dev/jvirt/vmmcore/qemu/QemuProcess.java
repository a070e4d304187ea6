package dev.jvirt.vmmcore.qemu;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A daemonized QEMU known by its pid. It is not our child (it was reparented to PID 1), so its
 * exit is judged by /proc/PID/stat turning {@code Z} or the pid vanishing, or by the caller's
 * own signal (the QMP socket closing): init reaps late on these hosts (HOST-NOTES.md).
 */
public final class QemuProcess {
    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();
    private final long pid;
    private final ProcFs proc;

    public QemuProcess(long pid, ProcFs proc) {
        this.pid = pid;
        this.proc = proc;
    }

    public long pid() {
        return pid;
    }

    public boolean isAlive() {
        return proc.isAlive(pid);
    }

    /**
     * Whether this pid is the QEMU launched with {@code argv}: alive, and its command line is exactly
     * that (which holds the binary, {@code guest=NAME} and the guest's runtime paths).
     */
    public boolean runs(List<String> argv) {
        return isAlive() && proc.cmdline(pid).equals(argv);
    }

    public void terminate() {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }

    public void kill() {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** Waits until the process has exited or {@code exited} says so; true if it did within {@code timeout}. */
    public boolean awaitExit(Duration timeout, BooleanSupplier exited) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (exited.getAsBoolean() || !isAlive()) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return !isAlive();
            }
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited after {@code grace}; true if it exited. */
    public boolean stop(Duration grace, BooleanSupplier exited) {
        if (!isAlive()) {
            return true;
        }
        terminate();
        if (awaitExit(grace, exited)) {
            return true;
        }
        kill();
        return awaitExit(Duration.ofSeconds(10), () -> false);
    }

    @Override
    public String toString() {
        return "QEMU pid " + pid;
    }
}
