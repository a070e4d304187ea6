/**
 * The host side of a start, behind small interfaces: what a domain needs from the host beyond
 * its runtime directory, each prepared with a way to release it.
 *
 * <ul>
 *   <li>{@link dev.jvirt.vmmcore.host.NetworkBackend}: an {@code <interface type='network'>} or
 *       {@code type='bridge'} → a TAP QEMU opens by name.</li>
 *   <li>{@link dev.jvirt.vmmcore.host.StorageBackend}: a {@code <disk type='volume'>} (pool +
 *       volume) → the volume's path and format.</li>
 * </ul>
 *
 * <p>They are registered in {@link dev.jvirt.vmmcore.host.HostBackends} (one map per kind, no
 * scanning), given to the Hypervisor in its {@code HypervisorConfig}. An implementation knows
 * nothing of the daemon, HTTP or the lifecycle: it is handed the device's definition and gives a
 * {@link dev.jvirt.vmmcore.host.Prepared} resource. vmm-core depends on {@code bridge-net} and
 * {@code storage-pools}, not the other way round, so the implementation for those modules is a
 * small adapter here over their own API. Where no backend is registered for a device, nothing is
 * prepared and the start fails as the command line explains (no TAP / an unresolved volume).
 */
package dev.jvirt.vmmcore.host;
