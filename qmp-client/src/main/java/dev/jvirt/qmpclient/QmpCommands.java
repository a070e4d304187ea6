package dev.jvirt.qmpclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Typed helpers over {@link QmpConnection#execute}: the commands jvirtd uses. Obtain through
 * {@link QmpConnection#commands()}. Commands with nothing to report complete with {@code null}.
 * Device, blockdev and netdev properties are passed as JSON, built once by the caller (the same
 * JSON serves the command line).
 */
public final class QmpCommands {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final QmpConnection connection;

    QmpCommands(QmpConnection connection) {
        this.connection = connection;
    }

    public CompletableFuture<QmpStatus> queryStatus() {
        return connection.execute("query-status")
                .thenApply(r -> new QmpStatus(r.path("status").asText(), r.path("running").asBoolean()));
    }

    public CompletableFuture<QmpVersion> queryVersion() {
        return connection.execute("query-version").thenApply(QmpMessageDecoder::version);
    }

    /** The raw {@code query-block} array. */
    public CompletableFuture<JsonNode> queryBlock() {
        return connection.execute("query-block");
    }

    /** The raw {@code query-cpus-fast} array. */
    public CompletableFuture<JsonNode> queryCpusFast() {
        return connection.execute("query-cpus-fast");
    }

    public CompletableFuture<Void> cont() {
        return empty("cont", null);
    }

    public CompletableFuture<Void> stop() {
        return empty("stop", null);
    }

    /** ACPI power button: the guest decides whether to shut down. */
    public CompletableFuture<Void> systemPowerdown() {
        return empty("system_powerdown", null);
    }

    public CompletableFuture<Void> systemReset() {
        return empty("system_reset", null);
    }

    /**
     * Makes QEMU exit. Completes when QEMU answers or when the connection closes, whichever
     * comes first (QEMU may exit before its reply is flushed).
     */
    public CompletableFuture<Void> quit() {
        return connection.execute("quit").handle((r, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause == null || cause instanceof QmpConnectionLostException) {
                return null;
            }
            throw cause instanceof RuntimeException e ? e : new CompletionException(cause);
        });
    }

    /** {@code blockdev-add} with the node's full JSON description (driver, node-name, ...). */
    public CompletableFuture<Void> blockdevAdd(ObjectNode blockdev) {
        return empty("blockdev-add", blockdev);
    }

    public CompletableFuture<Void> blockdevDel(String nodeName) {
        return empty("blockdev-del", JSON.objectNode().put("node-name", nodeName));
    }

    /** {@code device_add} with the device's JSON properties (driver, id, ...). */
    public CompletableFuture<Void> deviceAdd(ObjectNode device) {
        return empty("device_add", device);
    }

    /** Asks for removal; completion comes later as a {@code DEVICE_DELETED} event. */
    public CompletableFuture<Void> deviceDel(String id) {
        return empty("device_del", JSON.objectNode().put("id", id));
    }

    /** {@code netdev_add} with the backend's JSON properties (type, id, ...). */
    public CompletableFuture<Void> netdevAdd(ObjectNode netdev) {
        return empty("netdev_add", netdev);
    }

    public CompletableFuture<Void> netdevDel(String id) {
        return empty("netdev_del", JSON.objectNode().put("id", id));
    }

    /** Runs an HMP command line and returns its text output. */
    public CompletableFuture<String> humanMonitorCommand(String commandLine) {
        return connection.execute("human-monitor-command", JSON.objectNode().put("command-line", commandLine))
                .thenApply(JsonNode::asText);
    }

    /** Passes {@code fd} to QEMU under {@code name} (for e.g. {@code netdev_add} tap {@code fd=name}). */
    public CompletableFuture<Void> getfd(String name, int fd) {
        return connection.executeWithFd("getfd", JSON.objectNode().put("fdname", name), fd).thenApply(r -> null);
    }

    public CompletableFuture<Void> closefd(String name) {
        return empty("closefd", JSON.objectNode().put("fdname", name));
    }

    /**
     * Adds {@code fd} to fd set {@code fdsetId} (usable as {@code /dev/fdset/ID} in file names);
     * returns QEMU's answer with {@code fdset-id} and {@code fd}.
     */
    public CompletableFuture<JsonNode> addFd(int fdsetId, int fd) {
        return connection.executeWithFd("add-fd", JSON.objectNode().put("fdset-id", fdsetId), fd);
    }

    public CompletableFuture<Void> removeFd(int fdsetId) {
        return empty("remove-fd", JSON.objectNode().put("fdset-id", fdsetId));
    }

    private CompletableFuture<Void> empty(String command, ObjectNode arguments) {
        return connection.execute(command, arguments).thenApply(r -> null);
    }
}
