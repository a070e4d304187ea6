package dev.jvirt.vmmcore.daemon.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/** What a handler answers: a complete body, a stream of JSON lines, or a protocol upgrade. */
public sealed interface Reply permits Reply.Full, Reply.Stream, Reply.Upgrade {

    String JSON = "application/json";

    /** A complete response. */
    record Full(HttpResponseStatus status, String contentType, byte[] body) implements Reply {
    }

    /** A chunked response of newline-delimited JSON that lasts until the client goes away. */
    record Stream(StreamSource source) implements Reply {
    }

    /** 101 Switching Protocols, then {@code protocol} owns the connection. */
    record Upgrade(String protocol, UpgradeTarget target) implements Reply {
    }

    static Reply json(Object value) {
        return json(HttpResponseStatus.OK, value);
    }

    static Reply json(HttpResponseStatus status, Object value) {
        return new Full(status, JSON, Json.bytes(value));
    }

    static Reply xml(String text) {
        return new Full(HttpResponseStatus.OK, "application/xml", text.getBytes(StandardCharsets.UTF_8));
    }
}
