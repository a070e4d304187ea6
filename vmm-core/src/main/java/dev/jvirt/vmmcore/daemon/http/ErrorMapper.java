package dev.jvirt.vmmcore.daemon.http;

import static io.netty.handler.codec.http.HttpResponseStatus.BAD_GATEWAY;
import static io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST;
import static io.netty.handler.codec.http.HttpResponseStatus.CONFLICT;
import static io.netty.handler.codec.http.HttpResponseStatus.GATEWAY_TIMEOUT;
import static io.netty.handler.codec.http.HttpResponseStatus.INSUFFICIENT_STORAGE;
import static io.netty.handler.codec.http.HttpResponseStatus.INTERNAL_SERVER_ERROR;
import static io.netty.handler.codec.http.HttpResponseStatus.NOT_FOUND;
import static io.netty.handler.codec.http.HttpResponseStatus.SERVICE_UNAVAILABLE;
import static io.netty.handler.codec.http.HttpResponseStatus.UNPROCESSABLE_ENTITY;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.console.ConsoleBusyException;
import dev.jvirt.console.ConsoleUnavailableException;
import dev.jvirt.domainxml.DefinitionException;
import dev.jvirt.vmmcore.AcceleratorUnavailableException;
import dev.jvirt.vmmcore.DestroyTimeoutException;
import dev.jvirt.vmmcore.DomainBusyException;
import dev.jvirt.vmmcore.DomainConflictException;
import dev.jvirt.vmmcore.GuestAgentException;
import dev.jvirt.vmmcore.InvalidArgumentException;
import dev.jvirt.vmmcore.InvalidDomainException;
import dev.jvirt.vmmcore.InvalidStateException;
import dev.jvirt.vmmcore.NetworkFailedException;
import dev.jvirt.vmmcore.NoSuchNetworkException;
import dev.jvirt.vmmcore.NoSuchDomainException;
import dev.jvirt.vmmcore.OperationTimeoutException;
import dev.jvirt.vmmcore.QemuMonitorException;
import dev.jvirt.vmmcore.StartFailedException;
import dev.jvirt.vmmcore.StartRefusedException;
import dev.jvirt.vmmcore.VmmException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become the error codes and statuses of docs/api.md. Anything not
 * recognised is a bug: {@code internal}, logged with its stack trace.
 */
public final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static ApiException map(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof ConsoleBusyException) {
            return new ApiException(CONFLICT, "domain-busy", e.getMessage(),
                    "use mode=ro to watch, or mode=force to take the console over", e);
        }
        if (e instanceof ConsoleUnavailableException) {
            return new ApiException(CONFLICT, "invalid-state", e.getMessage(), null, e);
        }
        if (e instanceof NoSuchDomainException) {
            return new ApiException(NOT_FOUND, "no-such-domain", e.getMessage(),
                    "jvirsh list --all shows the defined domains", e);
        }
        if (e instanceof NoSuchNetworkException n) {
            return new ApiException(NOT_FOUND, "no-such-network", e.getMessage(),
                    "jvirsh net-list --all shows the defined networks", e, java.util.Map.of("network", n.network()));
        }
        if (e instanceof NetworkFailedException n) {
            return switch (n.kind()) {
                case INVALID -> new ApiException(BAD_REQUEST, "invalid-network", e.getMessage(), n.hint(), e);
                case STATE -> new ApiException(CONFLICT, "invalid-state", e.getMessage(), n.hint(), e);
                case HOST -> new ApiException(INTERNAL_SERVER_ERROR, "network-failed", e.getMessage(), n.hint(), e);
                case UNSUPPORTED -> new ApiException(UNPROCESSABLE_ENTITY, "unsupported-config", e.getMessage(), n.hint(), e);
            };
        }
        if (e instanceof InvalidDomainException || e instanceof DefinitionException) {
            return new ApiException(BAD_REQUEST, "invalid-definition", e.getMessage(), null, e);
        }
        if (e instanceof DomainConflictException) {
            return new ApiException(CONFLICT, "domain-exists", e.getMessage(), null, e);
        }
        if (e instanceof InvalidStateException || e instanceof dev.jvirt.vmmcore.OperationInvalidException) {
            return new ApiException(CONFLICT, "invalid-state", e.getMessage(), null, e);
        }
        if (e instanceof DomainBusyException) {
            return new ApiException(CONFLICT, "domain-busy", e.getMessage(), "retry when it has finished", e);
        }
        if (e instanceof AcceleratorUnavailableException) {
            return new ApiException(UNPROCESSABLE_ENTITY, "kvm-unusable", e.getMessage(),
                    "use <domain type='qemu'>", e);
        }
        if (e instanceof QemuMonitorException q) {
            return new ApiException(BAD_REQUEST, "qemu-error", e.getMessage(), null, e,
                    java.util.Map.of("class", q.errorClass(), "desc", q.description()));
        }
        if (e instanceof GuestAgentException agent) {
            return switch (agent.kind()) {
                case UNAVAILABLE -> new ApiException(SERVICE_UNAVAILABLE, "agent-unavailable", e.getMessage(),
                        "a guest still booting answers later; jvirsh nested-status says how far it is", e);
                case REFUSED -> new ApiException(BAD_GATEWAY, "agent-error", e.getMessage(), null, e);
                case TIMEOUT -> new ApiException(GATEWAY_TIMEOUT, "operation-timeout", e.getMessage(), null, e);
            };
        }
        if (e instanceof OperationTimeoutException timeout) {
            return new ApiException(GATEWAY_TIMEOUT, "operation-timeout", e.getMessage(), "jvirsh destroy " + timeout.domain()
                    + (e instanceof DestroyTimeoutException ? " (without --graceful)" : "") + " forces it off", e);
        }
        if (e instanceof InvalidArgumentException) {
            return ApiException.badRequest(e.getMessage());
        }
        if (e instanceof StartRefusedException refused) {
            return new ApiException(UNPROCESSABLE_ENTITY,
                    refused.kind() == StartRefusedException.Kind.SYSTEM ? "system-error" : "unsupported-config",
                    e.getMessage(), refused.hint(), e);
        }
        if (e instanceof StartFailedException) {
            return new ApiException(INTERNAL_SERVER_ERROR, "start-failed", e.getMessage(), null, e);
        }
        if (e instanceof dev.jvirt.storage.StorageException) {
            return storage(e);
        }
        String full = fullFileSystem(e);
        if (full != null) {
            return new ApiException(INSUFFICIENT_STORAGE, "system-error", e.getMessage(), "make room on the file system"
                    + " holding " + full + " (df " + full + "), then try again: nothing was half-written", e);
        }
        if (e instanceof VmmException) {
            // A failure vmm-core explains itself (state store, QEMU control): its message is for people.
            log.warn("request failed: {}", e.toString(), e);
            return new ApiException(INTERNAL_SERVER_ERROR, "internal", e.getMessage(),
                    "the jvirtd log has the details", e);
        }
        log.error("internal error", e);
        return new ApiException(INTERNAL_SERVER_ERROR, "internal", "internal error: " + e,
                "this is a bug; the jvirtd log has the details", e);
    }

    /**
     * The file that could not be written because its file system is full or over quota (a failure the
     * user fixes by making room, not a bug), or null.
     */
    private static String fullFileSystem(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c instanceof java.nio.file.FileSystemException f ? f.getReason() : c.getMessage();
            if (c instanceof java.io.IOException && m != null
                    && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                String file = c instanceof java.nio.file.FileSystemException f && f.getFile() != null ? f.getFile() : null;
                return file != null ? java.nio.file.Path.of(file).getParent().toString() : "jvirtd's state directory";
            }
        }
        return null;
    }

    /** storage-pools' failures (docs/api.md, "Storage"): their messages say what to do. */
    private static ApiException storage(Throwable e) {
        if (e instanceof dev.jvirt.storage.NoSuchPoolException) {
            return new ApiException(NOT_FOUND, "no-such-pool", e.getMessage(), "jvirsh pool-list --all shows the pools", e);
        }
        if (e instanceof dev.jvirt.storage.NoSuchVolumeException) {
            return new ApiException(NOT_FOUND, "no-such-volume", e.getMessage(), "jvirsh vol-list POOL shows its volumes", e);
        }
        if (e instanceof dev.jvirt.storage.InvalidStorageRequestException) {
            return ApiException.badRequest(e.getMessage());
        }
        if (e instanceof dev.jvirt.storage.PoolStateException) {
            return new ApiException(CONFLICT, "invalid-state", e.getMessage(), null, e);
        }
        if (e instanceof dev.jvirt.storage.VolumeBusyException) {
            return new ApiException(CONFLICT, "volume-busy", e.getMessage(), null, e);
        }
        if (e instanceof dev.jvirt.storage.VolumeIncompleteException) {
            return new ApiException(CONFLICT, "volume-incomplete", e.getMessage(), null, e);
        }
        log.warn("storage request failed: {}", e.toString(), e);
        return new ApiException(INTERNAL_SERVER_ERROR, "storage-error", e.getMessage(), "the jvirtd log has the details", e);
    }

    /** The error body: {@code {"error":{"code","message","hint"}}}. */
    public static ObjectNode body(ApiException e) {
        ObjectNode root = Json.object();
        ObjectNode err = root.putObject("error");
        err.put("code", e.code());
        err.put("message", e.getMessage());
        if (e.hint() != null) {
            err.put("hint", e.hint());
        }
        new java.util.TreeMap<>(e.details()).forEach(err::put);
        return root;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException
                || e instanceof java.lang.reflect.UndeclaredThrowableException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
