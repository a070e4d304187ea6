package dev.jvirt.qmpclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * A command on its way to QEMU: what {@link QmpClientHandler} matches replies against.
 *
 * @param fd a file descriptor to pass with the command (SCM_RIGHTS), or -1
 */
record QmpRequest(long id, String command, ObjectNode arguments, long timeoutNanos, int fd,
                  CompletableFuture<JsonNode> future, long sentNanos) {

    QmpRequest(long id, String command, ObjectNode arguments, long timeoutNanos, int fd,
               CompletableFuture<JsonNode> future) {
        this(id, command, arguments, timeoutNanos, fd, future, System.nanoTime());
    }

    boolean passesFd() {
        return fd >= 0;
    }
}
