package dev.jvirt.virshcompat.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP/1.1 answer from jvirtd: status, headers (lower-case names) and the body as a stream
 * (already de-chunked). Close it to close the connection.
 */
public final class HttpResponse implements AutoCloseable {

    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;
    private final OutputStream output;
    private final AutoCloseable connection;

    HttpResponse(int status, Map<String, String> headers, InputStream body, OutputStream output,
            AutoCloseable connection) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.output = output;
        this.connection = connection;
    }

    /** Writes to the connection: after a 101 upgrade, the console stream towards the daemon. */
    public OutputStream output() {
        return output;
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The body as a stream: for event streams, or the upgraded console after 101. */
    public InputStream body() {
        return body;
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
        } catch (Exception e) {
            // closing a unix socket: nothing useful to report
        }
    }
}
