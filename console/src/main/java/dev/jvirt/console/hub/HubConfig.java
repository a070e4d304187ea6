package dev.jvirt.console.hub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What a {@link ConsoleHub} needs: the domain's name (for messages), QEMU's console chardev
 * (the unix socket at {@code GuestPaths.consoleSocket()}, or FIFOs), the hub's log file and the bounds.
 *
 * @param historyBytes  the most recent output a client attaching later may ask to replay (read from the log)
 * @param logFileBytes  the size at which the log rotates
 * @param logKeep       rotated log files kept ({@code console.log.1 .. .N})
 * @param maxLagBytes   output a session may have queued before it is dropped as too slow
 * @param maxInputBytes keystrokes queued towards a guest that does not read them before writes fail
 * @param connectTimeout how long to wait for QEMU's end of the chardev
 * @param delivery      runs the delivery to listeners (may block in a listener); shared between hubs
 */
public record HubConfig(String domain, ConsoleEndpoint endpoint, Path logFile, int historyBytes, long logFileBytes, int logKeep,
        int maxLagBytes, int maxInputBytes, Duration connectTimeout, Executor delivery) {

    public static final int DEFAULT_HISTORY_BYTES = 64 * 1024;
    public static final long DEFAULT_LOG_FILE_BYTES = 1024 * 1024;
    public static final int DEFAULT_LOG_KEEP = 4;
    public static final int DEFAULT_MAX_LAG_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_INPUT_BYTES = 1024 * 1024;

    public HubConfig {
        Objects.requireNonNull(domain);
        Objects.requireNonNull(endpoint);
        Objects.requireNonNull(logFile);
        Objects.requireNonNull(connectTimeout);
        Objects.requireNonNull(delivery);
        if (historyBytes <= 0 || logFileBytes <= 0 || logKeep < 0 || maxLagBytes <= 0 || maxInputBytes <= 0) {
            throw new IllegalArgumentException("console hub bounds must be positive");
        }
    }

    /** The defaults: 64 KiB of history, log of 1 MiB × (1 + 4 rotated), 1 MiB lag, 5 s connect, shared delivery threads. */
    public static HubConfig of(String domain, Path socket, Path logFile) {
        return of(domain, new ConsoleEndpoint.UnixSocket(socket), logFile);
    }

    /** The defaults, for any endpoint. */
    public static HubConfig of(String domain, ConsoleEndpoint endpoint, Path logFile) {
        return new HubConfig(domain, endpoint, logFile, DEFAULT_HISTORY_BYTES, DEFAULT_LOG_FILE_BYTES, DEFAULT_LOG_KEEP,
                DEFAULT_MAX_LAG_BYTES, DEFAULT_MAX_INPUT_BYTES, Duration.ofSeconds(5), DeliveryThreads.shared());
    }

    public HubConfig withSocket(Path path) {
        return withEndpoint(new ConsoleEndpoint.UnixSocket(path));
    }

    public HubConfig withEndpoint(ConsoleEndpoint e) {
        return new HubConfig(domain, e, logFile, historyBytes, logFileBytes, logKeep, maxLagBytes, maxInputBytes,
                connectTimeout, delivery);
    }

    public HubConfig withLog(long fileBytes, int keep) {
        return new HubConfig(domain, endpoint, logFile, historyBytes, fileBytes, keep, maxLagBytes, maxInputBytes,
                connectTimeout, delivery);
    }

    public HubConfig withHistoryBytes(int bytes) {
        return new HubConfig(domain, endpoint, logFile, bytes, logFileBytes, logKeep, maxLagBytes, maxInputBytes,
                connectTimeout, delivery);
    }

    public HubConfig withMaxLagBytes(int bytes) {
        return new HubConfig(domain, endpoint, logFile, historyBytes, logFileBytes, logKeep, bytes, maxInputBytes,
                connectTimeout, delivery);
    }

    public HubConfig withConnectTimeout(Duration timeout) {
        return new HubConfig(domain, endpoint, logFile, historyBytes, logFileBytes, logKeep, maxLagBytes, maxInputBytes,
                timeout, delivery);
    }

    public HubConfig withDelivery(Executor executor) {
        return new HubConfig(domain, endpoint, logFile, historyBytes, logFileBytes, logKeep, maxLagBytes, maxInputBytes,
                connectTimeout, executor);
    }
}
