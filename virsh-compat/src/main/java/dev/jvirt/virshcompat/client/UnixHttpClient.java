package dev.jvirt.virshcompat.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * A small HTTP/1.1 client over a unix domain socket (the JDK's {@link SocketChannel}), one
 * connection per request. Enough for jvirtd: fixed-length and chunked bodies, streams, and the
 * 101 upgrade of the console.
 */
public final class UnixHttpClient {

    private final Path socket;

    public UnixHttpClient(Path socket) {
        this.socket = socket;
    }

    public Path socket() {
        return socket;
    }

    /** Connects only, to see whether a daemon answers; the caller closes the channel. */
    public SocketChannel connect() throws NotListening {
        try {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                return ch;
            } catch (IOException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw new NotListening(e.getMessage(), e);
        }
    }

    /** Nothing accepts connections on the socket (it is missing, or its daemon is gone). */
    public static final class NotListening extends IOException {
        private static final long serialVersionUID = 1L;

        NotListening(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Sends a request and reads the status line and headers. The body is left on the stream the
     * answer holds (de-chunked), so streams can be read as they come; close the answer when done.
     */
    public HttpResponse exchange(String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        SocketChannel ch = connect();
        try {
            OutputStream out = new ChannelOutput(ch);
            out.write(HttpWire.requestHead(method, target, headers, body == null ? ("GET".equals(method) ? -1 : 0) : body.length));
            if (body != null) {
                out.write(body);
            }
            InputStream in = new BufferedInputStream(new ChannelInput(ch), 8192);
            int status = HttpWire.readStatus(in);
            Map<String, String> responseHeaders = HttpWire.readHeaders(in);
            return new HttpResponse(status, responseHeaders, bodyOf(status, method, responseHeaders, in), out, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
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
        if (te != null && te.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
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

    /** Reads straight from the channel (Channels.newInputStream would serialize reads with writes). */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel ch;

        ChannelInput(SocketChannel ch) {
            this.ch = ch;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = ch.read(ByteBuffer.wrap(b, off, len));
            return n < 0 ? -1 : n;
        }
    }

    private static final class ChannelOutput extends OutputStream {
        private final SocketChannel ch;

        ChannelOutput(SocketChannel ch) {
            this.ch = ch;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }

        @Override
        public void close() throws IOException {
            ch.shutdownOutput();
        }
    }
}
