package dev.jvirt.vmmcore.daemon.http;

/** Feeds a streaming response: opened once the response headers are out, closed when the client leaves. */
@FunctionalInterface
public interface StreamSource {

    /** Starts sending lines to {@code sink}; the returned handle is closed when the stream ends. */
    AutoCloseable open(LineSink sink) throws Exception;

    /** Where a stream writes: each value becomes one JSON line. */
    interface LineSink {
        /** Queues one line; false once the client has gone. */
        boolean send(Object value);
    }
}
