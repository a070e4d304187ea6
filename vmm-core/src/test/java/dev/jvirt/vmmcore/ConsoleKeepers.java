package dev.jvirt.vmmcore;

import dev.jvirt.console.keeper.KeeperProcess;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** Test cleanup: the console keeper of a runtime directory, stopped by the pid it recorded. */
public final class ConsoleKeepers {

    private ConsoleKeepers() {
    }

    /** The keeper's pid, if one recorded it and still runs. */
    public static OptionalLong pid(Path runtimeDir) {
        OptionalLong pid = KeeperProcess.pid(runtimeDir);
        return pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)
                ? pid : OptionalLong.empty();
    }

    /** Kills it (SIGKILL) by that pid and waits until it is gone. */
    public static void stop(Path runtimeDir) throws InterruptedException {
        OptionalLong pid = pid(runtimeDir);
        if (pid.isEmpty()) {
            return;
        }
        ProcessHandle h = ProcessHandle.of(pid.getAsLong()).orElse(null);
        if (h != null && h.info().commandLine().orElse("").contains(runtimeDir.toString())) {
            h.destroyForcibly();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (h.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }
}
