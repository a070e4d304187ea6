package dev.jvirt.console.hub;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What a {@link ConsoleHub} needs besides its {@link GuestLink}: the domain's name (for
 * messages), the bounds, and the executor that delivers to listeners (the daemon passes one
 * shared by all its hubs; its owner shuts it down).
 *
 * @param historyBytes  the most recent output a client attaching later may ask to replay (read from the log)
 * @param maxLagBytes   output a session may have queued before it is dropped as too slow
 * @param maxInputBytes keystrokes on their way to a guest that does not read them before writes fail
 * @param delivery      runs the delivery to listeners (may block in a listener)
 */
public record HubConfig(String domain, int historyBytes, int maxLagBytes, int maxInputBytes, Executor delivery) {

    public static final int DEFAULT_HISTORY_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_LAG_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_INPUT_BYTES = 1024 * 1024;

    public HubConfig {
        Objects.requireNonNull(domain);
        Objects.requireNonNull(delivery);
        if (historyBytes <= 0 || maxLagBytes <= 0 || maxInputBytes <= 0) {
            throw new IllegalArgumentException("console hub bounds must be positive");
        }
    }

    /** The defaults: 64 KiB of history, 1 MiB of lag, 1 MiB of input backlog. */
    public static HubConfig of(String domain, Executor delivery) {
        return new HubConfig(domain, DEFAULT_HISTORY_BYTES, DEFAULT_MAX_LAG_BYTES, DEFAULT_MAX_INPUT_BYTES, delivery);
    }

    public HubConfig withHistoryBytes(int bytes) {
        return new HubConfig(domain, bytes, maxLagBytes, maxInputBytes, delivery);
    }

    public HubConfig withMaxLagBytes(int bytes) {
        return new HubConfig(domain, historyBytes, bytes, maxInputBytes, delivery);
    }
}
