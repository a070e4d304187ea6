package dev.jvirt.qmpclient;

import java.time.Duration;
import java.util.Objects;

/**
 * How to connect to one QMP socket.
 *
 * @param connectTimeout how long to keep retrying while the socket does not exist yet or refuses
 *                       connections (QEMU still starting); retries back off from 5 ms to 250 ms
 * @param handshakeTimeout how long to wait for the greeting and for {@code qmp_capabilities}
 * @param commandTimeout the default per-command timeout; {@link Duration#ZERO} means none
 */
public record QmpConnectOptions(Duration connectTimeout, Duration handshakeTimeout, Duration commandTimeout) {

    public QmpConnectOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
    }

    /** 10 s to connect, 10 s for the handshake, 30 s per command. */
    public static QmpConnectOptions defaults() {
        return new QmpConnectOptions(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public QmpConnectOptions withConnectTimeout(Duration timeout) {
        return new QmpConnectOptions(timeout, handshakeTimeout, commandTimeout);
    }

    public QmpConnectOptions withHandshakeTimeout(Duration timeout) {
        return new QmpConnectOptions(connectTimeout, timeout, commandTimeout);
    }

    public QmpConnectOptions withCommandTimeout(Duration timeout) {
        return new QmpConnectOptions(connectTimeout, handshakeTimeout, timeout);
    }
}
