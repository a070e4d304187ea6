package dev.jvirt.virshcompat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for jvirtd in unit tests of the client: answers scripted responses by "METHOD path"
 * on a unix socket, one request per connection, and records what it was sent. Unscripted
 * requests get jvirtd's 404 no-such-domain error (the common error path).
 */
public final class FakeJvirtd implements AutoCloseable {

    /** One scripted answer; {@code chunks} non-null sends the body chunked, in those pieces. */
    public record Answer(int status, String contentType, String body, List<String> chunks) {
    }

    /** A request the fake received. */
    public record Request(String method, String target, String body) {
    }

    private final Path dir;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public FakeJvirtd() throws IOException {
        dir = Files.createTempDirectory("fake-jvirtd");
        socket = dir.resolve("jvirtd.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = new Thread(this::acceptLoop, "fake-jvirtd");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public Path socket() {
        return socket;
    }

    /** The -c URI that reaches this fake. */
    public String uri() {
        return "vmm:///session?socket=" + socket;
    }

    public FakeJvirtd json(String method, String target, int status, String body) {
        answers.put(method + " " + target, new Answer(status, "application/json", body, null));
        return this;
    }

    public FakeJvirtd json(String method, String target, String body) {
        return json(method, target, 200, body);
    }

    public FakeJvirtd text(String method, String target, String contentType, String body) {
        answers.put(method + " " + target, new Answer(200, contentType, body, null));
        return this;
    }

    public FakeJvirtd chunked(String method, String target, List<String> chunks) {
        answers.put(method + " " + target, new Answer(200, "application/x-ndjson", null, chunks));
        return this;
    }

    public List<Request> requests() {
        return requests;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try (SocketChannel ch = server.accept()) {
                serve(Channels.newInputStream(ch), Channels.newOutputStream(ch));
            } catch (IOException e) {
                // closed, or a client went away
            }
        }
    }

    private void serve(InputStream in, OutputStream out) throws IOException {
        String requestLine = line(in);
        if (requestLine == null) {
            return;
        }
        int length = 0;
        for (String h; (h = line(in)) != null && !h.isEmpty(); ) {
            if (h.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(h.substring(15).trim());
            }
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        String[] parts = requestLine.split(" ");
        requests.add(new Request(parts[0], parts[1], body));
        Answer a = answers.get(parts[0] + " " + parts[1]);
        if (a == null) {
            String name = parts[1].replaceFirst("^/1\\.0/domains/([^/?]*).*$", "$1");
            a = new Answer(404, "application/json", "{\"error\":{\"code\":\"no-such-domain\",\"message\":\"domain '"
                    + name + "' is not defined\",\"hint\":\"jvirsh list --all shows the defined domains\"}}", null);
        }
        StringBuilder head = new StringBuilder("HTTP/1.1 " + a.status() + " X\r\nContent-Type: " + a.contentType() + "\r\n");
        if (a.chunks() != null) {
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            for (String c : a.chunks()) {
                byte[] b = c.getBytes(StandardCharsets.UTF_8);
                out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(b);
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        } else {
            byte[] b = a.body().getBytes(StandardCharsets.UTF_8);
            head.append("Content-Length: ").append(b.length).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(b);
        }
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return c < 0 && b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }
}
