package dev.jvirt.vmmcore.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * sched_setaffinity(2) of one thread of a QEMU process, by util-linux's {@code taskset -p -c}
 * (an argument list, no shell): vcpupin and emulatorpin on a running guest.
 */
public final class ThreadAffinity {

    private ThreadAffinity() {
    }

    /** Lets thread {@code tid} run on {@code cpus} only. */
    public static void set(long tid, List<Integer> cpus) throws IOException {
        StringJoiner list = new StringJoiner(",");
        cpus.forEach(c -> list.add(Integer.toString(c)));
        List<String> argv = new ArrayList<>(List.of("taskset", "-p", "-c", list.toString(), Long.toString(tid)));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("taskset did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while taskset ran", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("taskset -p -c " + list + " " + tid + " failed: " + out);
        }
    }
}
