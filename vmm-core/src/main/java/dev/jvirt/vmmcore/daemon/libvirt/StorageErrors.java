package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.libvirtwire.RemoteError;
import dev.jvirt.libvirtwire.VirError;
import dev.jvirt.storage.InvalidStorageRequestException;
import dev.jvirt.storage.NoSuchPoolException;
import dev.jvirt.storage.NoSuchVolumeException;
import dev.jvirt.storage.PoolStateException;
import dev.jvirt.storage.StorageException;
import dev.jvirt.storage.VolumeBusyException;
import dev.jvirt.storage.VolumeIncompleteException;
import dev.jvirt.vmmcore.NetworkFailedException;
import dev.jvirt.vmmcore.NoSuchNetworkException;

/**
 * {@link LibvirtErrors}' part for pools, volumes and networks: storage-pools' and the network
 * facade's failures with the codes and error domains libvirt's storage and network drivers use
 * (VIR_ERR_NO_STORAGE_POOL, VIR_ERR_NO_STORAGE_VOL, VIR_ERR_NO_NETWORK, VIR_ERR_OPERATION_INVALID ...).
 */
final class StorageErrors {

    private StorageErrors() {
    }

    /** The error for {@code e}, or null when it is not a storage or network failure. */
    static RemoteError map(Throwable e) {
        if (e instanceof NoSuchPoolException) {
            return err(VirError.NO_STORAGE_POOL, VirError.FROM_STORAGE, "Storage pool not found: " + e.getMessage());
        }
        if (e instanceof NoSuchVolumeException) {
            return err(VirError.NO_STORAGE_VOL, VirError.FROM_STORAGE, "Storage volume not found: " + e.getMessage());
        }
        if (e instanceof PoolStateException || e instanceof VolumeBusyException || e instanceof VolumeIncompleteException) {
            return err(VirError.OPERATION_INVALID, VirError.FROM_STORAGE, "Requested operation is not valid: " + e.getMessage());
        }
        if (e instanceof InvalidStorageRequestException) {
            return err(VirError.INVALID_ARG, VirError.FROM_STORAGE, "invalid argument: " + e.getMessage());
        }
        if (e instanceof StorageException) {
            return err(VirError.OPERATION_FAILED, VirError.FROM_STORAGE, "operation failed: " + e.getMessage());
        }
        if (e instanceof NoSuchNetworkException) {
            return err(VirError.NO_NETWORK, VirError.FROM_NETWORK, "Network not found: " + e.getMessage());
        }
        if (e instanceof NetworkFailedException n) {
            return switch (n.kind()) {
                case INVALID -> err(VirError.XML_ERROR, VirError.FROM_NETWORK, "XML error: " + e.getMessage());
                case STATE -> err(VirError.OPERATION_INVALID, VirError.FROM_NETWORK, "Requested operation is not valid: "
                        + e.getMessage());
                case HOST -> err(VirError.OPERATION_FAILED, VirError.FROM_NETWORK, "operation failed: " + e.getMessage());
                case UNSUPPORTED -> err(VirError.CONFIG_UNSUPPORTED, VirError.FROM_NETWORK, "unsupported configuration: "
                        + e.getMessage());
            };
        }
        return null;
    }

    private static RemoteError err(int code, int domain, String message) {
        return RemoteError.of(code, domain, message);
    }
}
