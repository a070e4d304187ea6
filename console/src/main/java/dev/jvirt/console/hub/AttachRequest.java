package dev.jvirt.console.hub;

import dev.jvirt.console.ConsoleMode;
import java.util.Objects;

/**
 * How a client wants to attach.
 *
 * @param mode         writer or read-only viewer
 * @param force        a writer takes the console over from the current writer (told TAKEN_OVER)
 * @param historyBytes how much of the recent output (read from the log, this run only) to send first; 0 for none, as virsh
 */
public record AttachRequest(ConsoleMode mode, boolean force, int historyBytes) {

    public AttachRequest {
        Objects.requireNonNull(mode);
        if (historyBytes < 0) {
            throw new IllegalArgumentException("historyBytes must be >= 0");
        }
    }

    public static AttachRequest writer() {
        return new AttachRequest(ConsoleMode.READ_WRITE, false, 0);
    }

    public static AttachRequest viewer() {
        return new AttachRequest(ConsoleMode.READ_ONLY, false, 0);
    }

    public AttachRequest withForce(boolean takeOver) {
        return new AttachRequest(mode, takeOver, historyBytes);
    }

    public AttachRequest withHistory(int bytes) {
        return new AttachRequest(mode, force, bytes);
    }
}
