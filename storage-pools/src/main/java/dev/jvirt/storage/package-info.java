/**
 * Storage pools and volumes: {@link dev.jvirt.storage.StoragePools} is the entry point,
 * {@link dev.jvirt.storage.Volumes} the volume operations, {@link dev.jvirt.storage.ResolvedVolume}
 * what a guest's {@code <disk type='volume'>} becomes.
 */
package dev.jvirt.storage;
