/** Sparse-aware byte copies for upload, download and wipe. */
package dev.jvirt.storage.io;
