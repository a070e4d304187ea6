package dev.jvirt.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 answer: status, headers (lower-case names) and the body as a stream (already
 * de-chunked). Close it to close the connection.
 */
public final class HttpResponse implements AutoCloseable {

    private final int status;
    private final String reason;
    private final Map<String, String> headers;
    private final InputStream body;
    private final OutputStream output;
    private final SocketChannel connection;

    HttpResponse(int status, String reason, Map<String, String> headers, InputStream body, OutputStream output,
            SocketChannel connection) {
        this.status = status;
        this.reason = reason;
        this.headers = headers;
        this.body = body;
        this.output = output;
        this.connection = connection;
    }

    public int status() {
        return status;
    }

    /** The status line's reason phrase, such as "Request Entity Too Large" (may be empty). */
    public String reason() {
        return reason;
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every header, by lower-case name. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The body as a stream: for event streams, or the upgraded connection after 101. */
    public InputStream body() {
        return body;
    }

    /** Writes to the connection: after a 101 upgrade, the stream towards the daemon. */
    public OutputStream output() {
        return output;
    }

    public byte[] readBody() throws IOException {
        return body.readAllBytes();
    }

    public String readText() throws IOException {
        return new String(readBody(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            // closing a unix socket: nothing useful to report
        }
    }
}
