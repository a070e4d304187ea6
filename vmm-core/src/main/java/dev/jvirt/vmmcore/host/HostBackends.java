package dev.jvirt.vmmcore.host;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The backends a Hypervisor prepares hosts with: network backends by interface type
 * ({@code network}, {@code bridge}), and the storage backend for {@code <disk type='volume'>}.
 * Immutable; {@link #none()} has none, so such devices fail to start with the command line's
 * explanation.
 */
public final class HostBackends {
    private static final HostBackends NONE = new HostBackends(Map.of(), null);
    private final Map<String, NetworkBackend> networks;
    private final StorageBackend storage;

    private HostBackends(Map<String, NetworkBackend> networks, StorageBackend storage) {
        this.networks = Map.copyOf(networks);
        this.storage = storage;
    }

    public static HostBackends none() {
        return NONE;
    }

    /** A copy where interfaces of {@code interfaceType} ({@code network} or {@code bridge}) use {@code backend}. */
    public HostBackends withNetwork(String interfaceType, NetworkBackend backend) {
        if (!interfaceType.equals("network") && !interfaceType.equals("bridge")) {
            throw new IllegalArgumentException("network backends serve interface type network or bridge, not '"
                    + interfaceType + "'");
        }
        Map<String, NetworkBackend> m = new HashMap<>(networks);
        m.put(interfaceType, Objects.requireNonNull(backend, "backend"));
        return new HostBackends(m, storage);
    }

    /** A copy where volume disks use {@code backend}. */
    public HostBackends withStorage(StorageBackend backend) {
        return new HostBackends(networks, Objects.requireNonNull(backend, "backend"));
    }

    public Optional<NetworkBackend> network(String interfaceType) {
        return Optional.ofNullable(interfaceType == null ? null : networks.get(interfaceType));
    }

    public Optional<StorageBackend> storage() {
        return Optional.ofNullable(storage);
    }
}
