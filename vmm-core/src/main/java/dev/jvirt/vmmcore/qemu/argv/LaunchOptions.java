package dev.jvirt.vmmcore.qemu.argv;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the driver launches this QEMU, beyond the definition: whether it daemonizes, and the host
 * side of each TAP-backed NIC, keyed by the NIC's device id ({@code net0} for the first
 * {@code <interface>}, {@code net1} for the second, ... — see {@link DeviceIds#net(int)}).
 *
 * @param daemonize   add {@code -daemonize} (the driver's normal launch; tests that run QEMU in
 *                    the foreground leave it out)
 * @param netBackends NIC device id → its TAP, for every interface of type network, bridge,
 *                    ethernet or direct
 */
public record LaunchOptions(boolean daemonize, Map<String, NetBackend> netBackends) {

    public LaunchOptions {
        netBackends = Map.copyOf(netBackends);
    }

    /** Daemonized, no TAPs: enough for guests with user-mode networking only. */
    public static LaunchOptions defaults() {
        return new LaunchOptions(true, Map.of());
    }

    /** A copy with {@code -daemonize} on or off. */
    public LaunchOptions withDaemonize(boolean on) {
        return new LaunchOptions(on, netBackends);
    }

    /** A copy that gives NIC {@code nicId} (e.g. {@code net0}) this backend. */
    public LaunchOptions withNetBackend(String nicId, NetBackend backend) {
        Map<String, NetBackend> m = new HashMap<>(netBackends);
        m.put(Objects.requireNonNull(nicId), Objects.requireNonNull(backend));
        return new LaunchOptions(daemonize, m);
    }
}
