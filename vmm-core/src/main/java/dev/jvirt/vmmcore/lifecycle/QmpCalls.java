package dev.jvirt.vmmcore.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.vmmcore.GuestControlException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * QMP commands of the long operations (save, restore, snapshots), each waited for with a bound;
 * a failure is a {@link GuestControlException} naming the command and the domain with QEMU's own
 * description (its {@code desc}), not its JSON.
 */
final class QmpCalls {
    static final long TIMEOUT_SECONDS = 60;

    private QmpCalls() {
    }

    static ObjectNode args() {
        return JsonNodeFactory.instance.objectNode();
    }

    static JsonNode run(RunningGuest g, String domain, String command, ObjectNode args) {
        return await(g.qmp().execute(command, args), command, domain);
    }

    static JsonNode runWithFd(RunningGuest g, String domain, String command, ObjectNode args, int fd) {
        return await(g.qmp().executeWithFd(command, args, fd), command, domain);
    }

    private static JsonNode await(CompletableFuture<JsonNode> f, String command, String domain) {
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new GuestControlException(command + " on domain '" + domain + "' failed: " + c.getMessage(), c);
        } catch (TimeoutException e) {
            throw new GuestControlException(command + " on domain '" + domain + "': QEMU did not answer within "
                    + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuestControlException("interrupted during " + command + " on domain '" + domain + "'", e);
        }
    }
}
