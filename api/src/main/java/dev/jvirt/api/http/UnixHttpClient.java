package dev.jvirt.api.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP/1.1 client of jvirtd's unix socket (the JDK's {@link SocketChannel}), one connection
 * per request, shared by jvirsh, the daemon's tests and the benchmarks: fixed-length and chunked
 * bodies, streams, and 101 upgrades (console). A {@link PeerCheck} runs on every connection
 * before anything is sent, so a client can refuse a socket served by someone it does not trust.
 *
 * <p>A daemon may answer before it has read the whole request and close (a body over its limit:
 * 413). Then writing the rest fails (broken pipe), but the answer is already on the connection:
 * {@link #exchange} reads it and returns it, so the caller sees the daemon's refusal rather than
 * a lost connection.
 */
public final class UnixHttpClient {

    /** Looks at a connected socket before a byte is sent; throws to refuse it (the connection is then closed). */
    public interface PeerCheck {
        void check(Path socket, SocketChannel channel) throws IOException;
    }

    /** A whole answer, read to its end. */
    public record Answer(int status, String reason, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    /** Nothing accepts connections on the socket (it is missing, or its daemon is gone). */
    public static final class NotListening extends IOException {
        private static final long serialVersionUID = 1L;

        NotListening(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path socket;
    private final String userAgent;
    private final PeerCheck peerCheck;

    public UnixHttpClient(Path socket) {
        this(socket, "jvirt", null);
    }

    public UnixHttpClient(Path socket, String userAgent, PeerCheck peerCheck) {
        this.socket = socket;
        this.userAgent = userAgent;
        this.peerCheck = peerCheck;
    }

    public Path socket() {
        return socket;
    }

    /** Connects (and runs the peer check); the caller closes the channel. */
    public SocketChannel connect() throws IOException {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new NotListening(e.getMessage(), e);
        }
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw new NotListening(e.getMessage(), e);
        }
        if (peerCheck != null) {
            try {
                peerCheck.check(socket, ch);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }
        return ch;
    }

    /**
     * Sends a request and reads the status line and headers. The body is left on the stream the
     * answer holds (de-chunked), so streams can be read as they come; close the answer when done.
     * {@code body} null sends no Content-Length on a GET and 0 on other methods.
     */
    public HttpResponse exchange(String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        SocketChannel ch = connect();
        try {
            OutputStream out = ChannelStreams.output(ch);
            InputStream in = new BufferedInputStream(ChannelStreams.input(ch), 8192);
            long length = body == null ? ("GET".equals(method) ? -1 : 0) : body.length;
            ByteBuffer[] request = {ByteBuffer.wrap(HttpWire.requestHead(method, target, userAgent, headers, length)),
                ByteBuffer.wrap(body == null ? new byte[0] : body)};
            try {
                while (request[1].hasRemaining() || request[0].hasRemaining()) {
                    ch.write(request);
                }
            } catch (IOException writeFailed) {
                return answerDespite(writeFailed, method, in, out, ch);
            }
            return read(method, in, out, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** {@link #exchange}, with the whole body read and the connection closed. */
    public Answer call(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        try (HttpResponse r = exchange(method, target, headers, body)) {
            return new Answer(r.status(), r.reason(), r.headers(), r.readBody());
        }
    }

    /** The write of the request failed: an answer the daemon sent before it closed is still there to read. */
    private static HttpResponse answerDespite(IOException writeFailed, String method, InputStream in, OutputStream out,
            SocketChannel ch) throws IOException {
        try {
            return read(method, in, out, ch);
        } catch (IOException noAnswer) {
            writeFailed.addSuppressed(noAnswer);
            throw writeFailed;
        }
    }

    private static HttpResponse read(String method, InputStream in, OutputStream out, SocketChannel ch)
            throws IOException {
        String[] statusLine = HttpWire.readStatus(in);
        int status;
        try {
            status = Integer.parseInt(statusLine[0]);
        } catch (NumberFormatException e) {
            throw new IOException("bad HTTP status from jvirtd: '" + statusLine[0] + "'");
        }
        Map<String, String> headers = HttpWire.readHeaders(in);
        return new HttpResponse(status, statusLine[1], headers, bodyOf(status, method, headers, in), out, ch);
    }

    private static InputStream bodyOf(int status, String method, Map<String, String> headers, InputStream in)
            throws IOException {
        if (status == 101) {
            return in;
        }
        if ("HEAD".equals(method) || status == 204 || status == 304) {
            return InputStream.nullInputStream();
        }
        String te = headers.get("transfer-encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            return new ChunkedInputStream(in);
        }
        String length = headers.get("content-length");
        if (length != null) {
            int n = Integer.parseInt(length.trim());
            byte[] bytes = in.readNBytes(n);
            if (bytes.length < n) {
                throw new IOException("jvirtd closed the connection after " + bytes.length + " of " + n + " bytes");
            }
            return new ByteArrayInputStream(bytes);
        }
        return in; // until the daemon closes the connection
    }
}
