package dev.jvirt.console.hub;

import dev.jvirt.console.CloseReason;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Receives one session's console output. The hub calls it from a delivery thread (never the
 * thread that reads the guest), one call at a time, in order.
 */
public interface ConsoleListener {

    /** A completed stage, for listeners that have finished with the bytes when they return. */
    CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    /**
     * Output of the guest (the array is shared between sessions: do not modify it). The hub sends
     * the next output only when the returned stage completes, and counts the bytes not yet
     * completed against the session's lag bound: a non-blocking sink (a Netty channel) returns
     * its write future adapted to a stage; a blocking one writes and returns {@link #DONE}.
     */
    CompletionStage<?> onOutput(byte[] output);

    /**
     * The session ended; called once, after all output queued before the end was delivered
     * (except for {@link CloseReason#TOO_SLOW}, which drops it).
     */
    void onClosed(CloseReason reason, String message);
}
