package dev.jvirt.vmmcore;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where jvirt keeps its state: persistent definitions under {@link #state()}, running guests'
 * files under {@link #runtime()} (see DESIGN.md, "Connections and state").
 */
public record StateDirs(Path state, Path runtime) {

    public StateDirs {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(runtime, "runtime");
        state = state.toAbsolutePath().normalize();
        runtime = runtime.toAbsolutePath().normalize();
    }

    /** {@code vmm:///system}: {@code /var/lib/jvirt} and {@code /run/jvirt}. */
    public static StateDirs system() {
        return new StateDirs(Path.of("/var/lib/jvirt"), Path.of("/run/jvirt"));
    }

    /** {@code vmm:///session} for the current user and environment. */
    public static StateDirs session() {
        return session(System.getenv(), System.getProperty("user.home"), uid());
    }

    /**
     * {@code vmm:///session}: {@code $XDG_DATA_HOME/jvirt} (else {@code HOME/.local/share/jvirt})
     * and {@code $XDG_RUNTIME_DIR/jvirt} (else {@code /tmp/jvirt-UID}).
     */
    public static StateDirs session(Map<String, String> env, String home, long uid) {
        String data = env.get("XDG_DATA_HOME");
        Path state = data != null && !data.isBlank() ? Path.of(data, "jvirt") : Path.of(home, ".local", "share", "jvirt");
        String run = env.get("XDG_RUNTIME_DIR");
        Path runtime = run != null && !run.isBlank() ? Path.of(run, "jvirt") : Path.of("/tmp", "jvirt-" + uid);
        return new StateDirs(state, runtime);
    }

    /** {@code STATE/qemu}: one {@code NAME.xml} per persistent domain. */
    public Path qemuDefinitions() {
        return state.resolve("qemu");
    }

    /** {@code STATE/qemu/autostart}: one empty marker file per autostarted domain. */
    public Path qemuAutostart() {
        return qemuDefinitions().resolve("autostart");
    }

    /** {@code STATE/cache/qemu-capabilities}: probed capabilities, keyed by the binary's identity. */
    public Path capabilitiesCache() {
        return state.resolve("cache").resolve("qemu-capabilities");
    }

    /** {@code STATE/log/qemu}: the console hubs' persistent, rotated logs ({@code NAME.console.log}). */
    public Path qemuLogs() {
        return state.resolve("log").resolve("qemu");
    }

    /** {@code STATE/log/qemu/NAME.console.log}: domain {@code name}'s console log; it outlives the guest. */
    public Path consoleLog(String name) {
        return qemuLogs().resolve(name + ".console.log");
    }

    /** {@code RUNTIME/qemu}: one directory per running domain. */
    public Path qemuRuntime() {
        return runtime.resolve("qemu");
    }

    /** {@code STATE/network}: one {@code NAME.xml} per persistent network, {@code autostart/NAME} markers. */
    public Path networkDefinitions() {
        return state.resolve("network");
    }

    /** {@code RUNTIME/network}: active networks' records and dnsmasq files (bridge-net's), guests' TAP records. */
    public Path networkRuntime() {
        return runtime.resolve("network");
    }

    private static long uid() {
        try {
            Object uid = java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return ((Number) uid).longValue();
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }
}
