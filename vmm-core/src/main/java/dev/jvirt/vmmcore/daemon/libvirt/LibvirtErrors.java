package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.console.ConsoleBusyException;
import dev.jvirt.console.ConsoleUnavailableException;
import dev.jvirt.domainxml.DefinitionException;
import dev.jvirt.libvirtwire.RemoteError;
import dev.jvirt.libvirtwire.VirError;
import dev.jvirt.libvirtwire.XdrException;
import dev.jvirt.vmmcore.AcceleratorUnavailableException;
import dev.jvirt.vmmcore.DomainBusyException;
import dev.jvirt.vmmcore.DomainConflictException;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.InvalidArgumentException;
import dev.jvirt.vmmcore.InvalidDomainException;
import dev.jvirt.vmmcore.InvalidStateException;
import dev.jvirt.vmmcore.NoSuchDomainException;
import dev.jvirt.vmmcore.OperationTimeoutException;
import dev.jvirt.vmmcore.QemuMonitorException;
import dev.jvirt.vmmcore.StartRefusedException;
import dev.jvirt.vmmcore.VmmException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failure becomes a libvirt {@code remote_error} (as {@code ErrorMapper} is for
 * REST): vmm-core's exceptions get the virterror codes libvirt's QEMU driver uses for the same
 * failure, so clients' checks of the code (virsh's fallbacks, libvirt-java's exceptions) work;
 * the message is prefixed as libvirt prefixes that code.
 */
final class LibvirtErrors {
    private static final Logger log = LoggerFactory.getLogger(LibvirtErrors.class);

    private LibvirtErrors() {
    }

    static RemoteError map(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof LibvirtException l) {
            return l.error();
        }
        if (e instanceof XdrException) {
            return err(VirError.RPC, VirError.FROM_RPC, "RPC error: cannot decode the arguments: " + e.getMessage());
        }
        RemoteError storage = StorageErrors.map(e);
        if (storage != null) {
            return storage;
        }
        if (e instanceof NoSuchDomainException) {
            return err(VirError.NO_DOMAIN, VirError.FROM_QEMU, "Domain not found: " + e.getMessage());
        }
        if (e instanceof InvalidStateException st) {
            // libvirt's words for the two states clients meet most; jvirt's own message otherwise
            String why = st.status().state() == DomainState.SHUTOFF ? "domain is not running"
                    : st.operation().equals("start") ? "domain is already running" : st.getMessage();
            return err(VirError.OPERATION_INVALID, VirError.FROM_QEMU, "Requested operation is not valid: " + why);
        }
        if (e instanceof ConsoleUnavailableException) {
            return err(VirError.OPERATION_INVALID, VirError.FROM_QEMU, "Requested operation is not valid: " + e.getMessage());
        }
        if (e instanceof ConsoleBusyException) {
            // libvirt's words (virsh console --force takes it over)
            return err(VirError.OPERATION_FAILED, VirError.FROM_QEMU, "operation failed: Active console session exists for this domain");
        }
        if (e instanceof InvalidDomainException || e instanceof DefinitionException) {
            return err(VirError.XML_ERROR, VirError.FROM_DOMAIN, "XML error: " + e.getMessage());
        }
        if (e instanceof DomainConflictException) {
            return err(VirError.OPERATION_FAILED, VirError.FROM_QEMU, "operation failed: " + e.getMessage());
        }
        if (e instanceof DomainBusyException || e instanceof OperationTimeoutException) {
            return err(VirError.OPERATION_TIMEOUT, VirError.FROM_QEMU, "Timed out during operation: " + e.getMessage());
        }
        if (e instanceof StartRefusedException r && r.kind() == StartRefusedException.Kind.NETWORK_INACTIVE) {
            // libvirt's network driver's words when a guest's NIC is on an inactive network
            return err(VirError.OPERATION_INVALID, VirError.FROM_NETWORK,
                    "Requested operation is not valid: network '" + r.network() + "' is not active");
        }
        if (e instanceof StartRefusedException r && r.kind() == StartRefusedException.Kind.NETWORK_MISSING) {
            return err(VirError.NO_NETWORK, VirError.FROM_NETWORK,
                    "Network not found: no network with matching name '" + r.network() + "'");
        }
        if (e instanceof AcceleratorUnavailableException || e instanceof StartRefusedException) {
            return err(VirError.CONFIG_UNSUPPORTED, VirError.FROM_QEMU, "unsupported configuration: " + e.getMessage());
        }
        if (e instanceof InvalidArgumentException) {
            return err(VirError.INVALID_ARG, VirError.FROM_QEMU, "invalid argument: " + e.getMessage());
        }
        if (e instanceof QemuMonitorException) {
            return err(VirError.INTERNAL_ERROR, VirError.FROM_QEMU, "internal error: " + e.getMessage());
        }
        if (e instanceof VmmException) {
            log.warn("libvirt call failed: {}", e.toString(), e);
            return err(VirError.OPERATION_FAILED, VirError.FROM_QEMU, "operation failed: " + e.getMessage());
        }
        log.error("internal error in a libvirt call", e);
        return err(VirError.INTERNAL_ERROR, VirError.FROM_REMOTE, "internal error: " + e);
    }

    static LibvirtException noSupport(String what) {
        return new LibvirtException(VirError.NO_SUPPORT, VirError.FROM_QEMU,
                "this function is not supported by the connection driver: " + what);
    }

    static LibvirtException noDomain(String how) {
        return new LibvirtException(VirError.NO_DOMAIN, VirError.FROM_QEMU, "Domain not found: " + how);
    }

    /** VIR_ERR_OPERATION_INVALID from {@code domain} (the object is in the wrong state for the call). */
    static LibvirtException invalidOperation(int domain, String why) {
        return new LibvirtException(VirError.OPERATION_INVALID, domain, "Requested operation is not valid: " + why);
    }

    static LibvirtException invalidArg(String what) {
        return new LibvirtException(VirError.INVALID_ARG, VirError.FROM_QEMU, "invalid argument: " + what);
    }

    private static RemoteError err(int code, int domain, String message) {
        return RemoteError.of(code, domain, message);
    }
}
