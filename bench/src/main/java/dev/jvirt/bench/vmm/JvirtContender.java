package dev.jvirt.bench.vmm;

import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.HypervisorConfig;
import dev.jvirt.vmmcore.StateDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** jvirt in-process: {@code Hypervisor.start} (definition stored, capabilities cached, as a running jvirtd has them). */
final class JvirtContender implements Contender {
    private final Hypervisor hv;
    private final StateDirs dirs;
    private final String name;

    JvirtContender(Path dir, String name, String xml) {
        this.dirs = new StateDirs(dir.resolve("state"), dir.resolve("run"));
        this.hv = Hypervisor.open(HypervisorConfig.of(dirs));
        this.name = name;
        hv.define(xml);
        hv.capabilities();
    }

    @Override
    public String label() {
        return "jvirt (Hypervisor.start, in-process)";
    }

    /** What jvirt would run, for the bare-QEMU contender. */
    List<String> argv() {
        return hv.commandLines().startDryRun(name);
    }

    Path runtimeDir() {
        return dirs.qemuRuntime().resolve(name);
    }

    @Override
    public long[] start() throws Exception {
        // The console hub's log outlives the guest: start each run with none, so the marker is this boot's.
        Path log = dirs.consoleLog(name);
        for (Path f : dev.jvirt.console.hub.ConsoleLog.files(log)) {
            java.nio.file.Files.deleteIfExists(f);
        }
        long t0 = System.nanoTime();
        hv.start(name);
        long running = System.nanoTime();
        long marker = SerialMarker.await(log, TinyGuest.READY_MARKER,
                Duration.ofSeconds(300));
        return new long[] {running - t0, marker - t0};
    }

    @Override
    public void stop() {
        hv.destroy(name);
    }

    @Override
    public void close() {
        try {
            if (hv.state(name).isActive()) {
                hv.destroy(name);
            }
        } finally {
            hv.close();
        }
    }
}
