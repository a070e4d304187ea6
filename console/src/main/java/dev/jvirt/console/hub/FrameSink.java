package dev.jvirt.console.hub;

import java.util.concurrent.CompletionStage;

/** Where a {@link ConsoleStreamBridge} sends encoded frames: the daemon's upgraded HTTP connection. */
public interface FrameSink {

    /** Sends the bytes of one or more frames; the stage completes when they are written (Netty: the write future). */
    CompletionStage<?> send(byte[] frames);

    /** Closes the connection after what was sent (called once, after the CLOSED frame). */
    void close();
}
