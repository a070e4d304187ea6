/**
 * The pool kinds behind {@link dev.jvirt.storage.backend.PoolBackend}, registered in
 * {@link dev.jvirt.storage.backend.PoolBackends}, and where their volumes live
 * ({@link dev.jvirt.storage.backend.VolumeStore}: files or LVs).
 */
package dev.jvirt.storage.backend;
