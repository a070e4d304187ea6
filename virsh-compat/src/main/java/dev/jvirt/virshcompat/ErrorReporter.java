package dev.jvirt.virshcompat;

import dev.jvirt.api.json.JsonException;
import dev.jvirt.virshcompat.client.ApiException;
import dev.jvirt.virshcompat.client.ConnectException;
import dev.jvirt.virshcompat.client.JvirshException;
import dev.jvirt.virshcompat.client.UsageException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * The one place that turns failures into what virsh prints: {@code error: CONTEXT} (such as
 * {@code failed to get domain 'web1'} or {@code Failed to start domain 'web1'}), then
 * {@code error: DETAIL} with libvirt's prefix for the kind of error, then jvirt's {@code hint:}
 * line when the daemon gave one. The exit status is always 1, as virsh's.
 */
public final class ErrorReporter {

    public static final int FAILURE = 1;

    private ErrorReporter() {
    }

    /**
     * Reports {@code e} on {@code err}.
     *
     * @param domain the domain the command was given (for "failed to get domain"), or null
     * @param context the command's failure line such as "Failed to start domain 'web1'", or null
     */
    public static int report(Throwable e, String domain, String context, PrintWriter err) {
        if (e instanceof ApiException) {
            ApiException api = (ApiException) e;
            if (api.isNoSuchDomain() && domain != null) {
                err.println("error: failed to get domain '" + domain + "'");
            } else if ("no-such-network".equals(api.code()) && api.detail("network", null) != null) {
                err.println("error: failed to get network '" + api.detail("network", null) + "'");
            } else if (context != null) {
                err.println("error: " + context);
            }
            err.println("error: " + prefix(api.code()) + api.getMessage());
            hint(err, api.hint());
        } else if (e instanceof ConnectException) {
            err.println("error: failed to connect to the hypervisor");
            err.println("error: " + e.getMessage());
            hint(err, ((ConnectException) e).hint());
        } else if (e instanceof NoSuchFileException) {
            err.println("error: Failed to open file '" + ((NoSuchFileException) e).getFile() + "': No such file or directory");
        } else if (e instanceof AccessDeniedException) {
            err.println("error: Failed to open file '" + ((AccessDeniedException) e).getFile() + "': Permission denied");
        } else if (e instanceof UsageException) {
            err.println("error: " + e.getMessage());
        } else if (e instanceof JsonException) {
            if (context != null) {
                err.println("error: " + context);
            }
            err.println("error: malformed answer from jvirtd: " + e.getMessage());
        } else if (e instanceof JvirshException) {
            if (context != null) {
                err.println("error: " + context);
            }
            err.println("error: " + e.getMessage());
        } else if (e instanceof FileNotFoundException || e instanceof IOException) {
            if (context != null) {
                err.println("error: " + context);
            }
            err.println("error: " + e.getMessage());
        } else {
            err.println("error: internal error in jvirsh: " + e);
            err.println("hint: this is a bug; please report it with the command you ran");
        }
        err.flush();
        return FAILURE;
    }

    /** libvirt's words for each kind of error (virterror.c), keyed by jvirtd's stable codes. */
    static String prefix(String code) {
        switch (code) {
            case "no-such-domain":
                return "Domain not found: ";
            case "no-such-network":
                return "Network not found: ";
            case "invalid-network":
                return "XML error: ";
            case "network-failed":
                return "internal error: ";
            case "invalid-state":
                return "Requested operation is not valid: ";
            case "invalid-definition":
                return "XML error: ";
            case "domain-exists":
            case "domain-busy":
            case "no-console-log":
                return "operation failed: ";
            case "kvm-unusable":
            case "unsupported-config":
                return "unsupported configuration: ";
            case "no-such-pool":
                return "Storage pool not found: ";
            case "no-such-volume":
                return "Storage volume not found: ";
            case "volume-busy":
            case "volume-incomplete":
                return "Requested operation is not valid: ";
            case "system-error":
                return ""; // libvirt's VIR_ERR_SYSTEM_ERROR: the message alone, e.g. "Cannot access storage file ..."
            case "operation-timeout":
            case "request-timeout":
                return "Timed out during operation: ";
            case "bad-request":
            case "too-large":
                return "invalid argument: ";
            case "access-denied":
                return "access denied: ";
            case "not-found":
            case "method-not-allowed":
            case "not-supported":
                return "this function is not supported by the connection driver: ";
            default:
                return "internal error: ";
        }
    }

    private static void hint(PrintWriter err, String hint) {
        if (hint != null && !hint.isBlank()) {
            err.println("hint: " + hint);
        }
    }
}
