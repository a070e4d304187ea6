package dev.jvirt.console.hub;

import dev.jvirt.console.ConsoleMode;
import java.util.concurrent.CompletionStage;

/** One client's attachment to a {@link ConsoleHub}. */
public interface ConsoleSession extends AutoCloseable {

    ConsoleMode mode();

    /** A number unique within the hub, for logs. */
    long id();

    /**
     * Sends keystrokes to the guest (READ_WRITE sessions only). Returns at once; the stage
     * completes when QEMU took the bytes, or fails with a {@link dev.jvirt.console.ConsoleException}
     * when the session is closed or the guest has not read a large backlog of earlier input.
     * A caller that wants back-pressure stops reading from its client until the stage completes.
     */
    CompletionStage<Void> write(byte[] keystrokes);

    boolean isOpen();

    /** Detaches: the listener gets {@code onClosed(DETACHED)}; idempotent. */
    @Override
    void close();
}
