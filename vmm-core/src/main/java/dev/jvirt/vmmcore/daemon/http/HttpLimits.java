package dev.jvirt.vmmcore.daemon.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What one connection and the whole daemon may hold: the largest request body (bigger ones are
 * answered 413 and their bytes read and dropped, up to {@link #drainLimit}), how long a started
 * request may take to arrive completely, how long a connection may sit idle between requests,
 * and how many requests run at once in the daemon. Per connection, one request runs at a time;
 * pipelined ones wait unread and are answered in order.
 *
 * @param maxBody        largest request body accepted, bytes
 * @param drainLimit     a refused body up to this size is read and dropped so the client can read
 *                       the 413; a bigger one closes the connection after the answer
 * @param requestTimeout from the first byte of a request to its last
 * @param idleTimeout    a connection with no request in flight and none arriving is closed after this
 * @param maxInFlight    requests the daemon runs at once; more get 503
 */
public record HttpLimits(int maxBody, long drainLimit, Duration requestTimeout, Duration idleTimeout, int maxInFlight) {
    /** 4 MiB, libvirt's classic limit for one XML string on its RPC: a definition is a few KiB. */
    public static final int DEFAULT_MAX_BODY = 4 << 20;

    public HttpLimits {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxBody <= 0 || drainLimit < 0 || maxInFlight <= 0 || requestTimeout.isNegative() || requestTimeout.isZero()
                || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("HTTP limits must be positive");
        }
    }

    /** 4 MiB bodies (1 GiB drained), 30 s per request, 5 min idle, 64 requests at once. */
    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_MAX_BODY, 1L << 30, Duration.ofSeconds(30), Duration.ofMinutes(5), 64);
    }

    public HttpLimits withTimeouts(Duration request, Duration idle) {
        return new HttpLimits(maxBody, drainLimit, request, idle, maxInFlight);
    }

    public HttpLimits withMaxInFlight(int n) {
        return new HttpLimits(maxBody, drainLimit, requestTimeout, idleTimeout, n);
    }
}
