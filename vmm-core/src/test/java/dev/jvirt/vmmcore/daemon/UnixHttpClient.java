package dev.jvirt.vmmcore.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal HTTP/1.1 client over a unix socket (JDK only): one connection per request, and NDJSON streams. */
final class UnixHttpClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Path socket;

    UnixHttpClient(Path socket) {
        this.socket = socket;
    }

    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + text(), e);
            }
        }

        /** {@code error.code} of an error answer. */
        String code() {
            return json().path("error").path("code").asText(null);
        }

        String message() {
            return json().path("error").path("message").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response post(String path, Object body) {
        return send("POST", path, body);
    }

    Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** {@code body}: null, a String sent as is, or anything Jackson writes. */
    Response send(String method, String path, Object body) {
        try (SocketChannel ch = open()) {
            write(ch, method, path, body, "close");
            InputStream in = Channels.newInputStream(ch);
            Map<String, String> headers = new TreeMap<>();
            int status = readHead(in, headers);
            byte[] content;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] chunk;
                while ((chunk = readChunk(in)) != null) {
                    out.write(chunk);
                }
                content = out.toByteArray();
            } else if (headers.containsKey("content-length")) {
                content = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else {
                content = in.readAllBytes();
            }
            return new Response(status, headers, content);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        }
    }

    /** A streaming GET: lines arrive on {@link Stream#lines()}; close to hang up. */
    Stream stream(String path) throws IOException {
        SocketChannel ch = open();
        write(ch, "GET", path, null, "keep-alive");
        InputStream in = Channels.newInputStream(ch);
        Map<String, String> headers = new TreeMap<>();
        int status = readHead(in, headers);
        Stream s = new Stream(ch, status);
        Thread t = new Thread(() -> {
            try {
                byte[] chunk;
                StringBuilder pending = new StringBuilder();
                while ((chunk = readChunk(in)) != null) {
                    pending.append(new String(chunk, StandardCharsets.UTF_8));
                    int nl;
                    while ((nl = pending.indexOf("\n")) >= 0) {
                        s.lines.add(pending.substring(0, nl));
                        pending.delete(0, nl + 1);
                    }
                }
            } catch (IOException e) {
                // closed
            }
            s.lines.add(Stream.END);
        }, "test-stream");
        t.setDaemon(true);
        t.start();
        return s;
    }

    /** An upgraded connection: the answer's status, then the raw byte streams. */
    record Upgraded(int status, Map<String, String> headers, InputStream in, java.io.OutputStream out, SocketChannel ch)
            implements AutoCloseable {
        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    /** {@code GET path} with {@code Connection: Upgrade} and {@code Upgrade: protocol}. */
    Upgraded upgrade(String path, String protocol) throws IOException {
        SocketChannel ch = open();
        String head = "GET " + path + " HTTP/1.1\r\nHost: jvirt\r\nConnection: Upgrade\r\nUpgrade: " + protocol
                + "\r\nContent-Length: 0\r\n\r\n";
        ByteBuffer buf = ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII));
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        InputStream in = Channels.newInputStream(ch);
        Map<String, String> headers = new TreeMap<>();
        int status = readHead(in, headers);
        return new Upgraded(status, headers, in, Channels.newOutputStream(ch), ch);
    }

    static final class Stream implements AutoCloseable {
        static final String END = "<end of stream>";
        final int status;
        private final SocketChannel ch;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Stream(SocketChannel ch, int status) {
            this.ch = ch;
            this.status = status;
        }

        /** The next line as JSON, or null after {@code seconds}, or {@link #END} as text node at the end. */
        JsonNode next(long seconds) throws InterruptedException, IOException {
            String line = lines.poll(seconds, TimeUnit.SECONDS);
            if (line == null) {
                return null;
            }
            return line.equals(END) ? JSON.getNodeFactory().textNode(END) : JSON.readTree(line);
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    private SocketChannel open() throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        return ch;
    }

    private static void write(SocketChannel ch, String method, String path, Object body, String connection) throws IOException {
        byte[] content = body == null ? new byte[0]
                : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
        String head = method + " " + path + " HTTP/1.1\r\nHost: jvirt\r\nConnection: " + connection + "\r\n"
                + (content.length > 0 ? "Content-Type: application/json\r\n" : "")
                + "Content-Length: " + content.length + "\r\n\r\n";
        ByteBuffer buf = ByteBuffer.allocate(head.length() + content.length);
        buf.put(head.getBytes(StandardCharsets.US_ASCII)).put(content).flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static int readHead(InputStream in, Map<String, String> headers) throws IOException {
        String status = readLine(in);
        if (status == null) {
            throw new IOException("connection closed before a response");
        }
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return Integer.parseInt(status.split(" ")[1]);
    }

    /** One chunk's data, or null at the last chunk or EOF. */
    private static byte[] readChunk(InputStream in) throws IOException {
        String size = readLine(in);
        if (size == null) {
            return null;
        }
        int n = Integer.parseInt(size.split(";")[0].trim(), 16);
        if (n == 0) {
            readLine(in);
            return null;
        }
        byte[] data = in.readNBytes(n);
        readLine(in);
        return data;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
