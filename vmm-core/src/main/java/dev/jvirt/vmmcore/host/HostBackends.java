package dev.jvirt.vmmcore.host;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The backends a Hypervisor prepares hosts with: network backends by interface type
 * ({@code network}, {@code bridge}), the storage backend for {@code <disk type='volume'>}, and
 * the disk access that hands a hot-plugged image to QEMU's user in system mode.
 * Immutable; {@link #none()} has none, so such devices fail to start with the command line's
 * explanation.
 */
public final class HostBackends {
    private static final HostBackends NONE = new HostBackends(Map.of(), null, null);
    private final Map<String, NetworkBackend> networks;
    private final StorageBackend storage;
    private final DiskAccess diskAccess;

    private HostBackends(Map<String, NetworkBackend> networks, StorageBackend storage, DiskAccess diskAccess) {
        this.networks = Map.copyOf(networks);
        this.storage = storage;
        this.diskAccess = diskAccess;
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
        return new HostBackends(m, storage, diskAccess);
    }

    /** A copy where volume disks use {@code backend}. */
    public HostBackends withStorage(StorageBackend backend) {
        return new HostBackends(networks, Objects.requireNonNull(backend, "backend"), diskAccess);
    }

    /** A copy where hot-plugged disk images are handed to the guest's QEMU by {@code access}. */
    public HostBackends withDiskAccess(DiskAccess access) {
        return new HostBackends(networks, storage, Objects.requireNonNull(access, "access"));
    }

    /** How a hot-plugged image is made openable by QEMU; empty where QEMU opens what its daemon can (session mode). */
    public Optional<DiskAccess> diskAccess() {
        return Optional.ofNullable(diskAccess);
    }

    public Optional<NetworkBackend> network(String interfaceType) {
        return Optional.ofNullable(interfaceType == null ? null : networks.get(interfaceType));
    }

    public Optional<StorageBackend> storage() {
        return Optional.ofNullable(storage);
    }
}
