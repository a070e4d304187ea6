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
 * on a unix socket, one request per connection, and records what it was sent. A request nothing
 * was scripted for is a mistake of the client or of the test (a wrong endpoint): it gets a 500
 * error, and {@link #close()} fails the test that made it. {@link #noSuchDomain} scripts jvirtd's
 * 404 for an unknown domain on one endpoint.
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
    private final Map<String, Answer> early = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> unscripted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public FakeJvirtd() throws IOException {
        this(Files.createTempDirectory("fake-jvirtd").resolve("jvirtd.sock"));
    }

    /** A fake on {@code socket}, whose directory must exist. */
    public FakeJvirtd(Path socket) throws IOException {
        this.dir = socket.getParent();
        this.socket = socket;
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

    /** Runs jvirsh in process against this daemon ({@code -c URI ARGS}). */
    public JvirshRun jvirsh(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = uri();
        System.arraycopy(args, 0, all, 2, args.length);
        return JvirshRun.of(all);
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

    /** jvirtd's answer for a domain it does not know, on this endpoint: 404 {@code no-such-domain}. */
    public FakeJvirtd noSuchDomain(String method, String target) {
        String name = target.replaceFirst("^/1\\.0/domains/([^/?]*).*$", "$1");
        return json(method, target, 404, "{\"error\":{\"code\":\"no-such-domain\",\"message\":\"domain '"
                + name + "' is not defined\",\"hint\":\"jvirsh list --all shows the defined domains\"}}");
    }

    /**
     * Answers this endpoint as jvirtd refuses a body over its limit: right after the request's
     * headers, without reading the body, then closes the connection.
     */
    public FakeJvirtd refuseBody(String method, String target, int status, String body) {
        early.put(method + " " + target, new Answer(status, "application/json", body, null));
        return this;
    }

    /** Takes back what was scripted for one endpoint. */
    public FakeJvirtd forget(String method, String target) {
        answers.remove(method + " " + target);
        return this;
    }

    /** The requests that nothing was scripted for ("METHOD target"). */
    public List<String> unscripted() {
        return unscripted;
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
        String[] parts = requestLine.split(" ");
        Answer a = early.get(parts[0] + " " + parts[1]);
        if (a != null) {
            requests.add(new Request(parts[0], parts[1], null));
            write(out, a);
            return;
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        requests.add(new Request(parts[0], parts[1], body));
        a = answers.get(parts[0] + " " + parts[1]);
        if (a == null) {
            unscripted.add(parts[0] + " " + parts[1]);
            a = new Answer(500, "application/json", "{\"error\":{\"code\":\"internal\",\"message\":\"FakeJvirtd: "
                    + "nothing scripted for " + parts[0] + " " + parts[1] + "\"}}", null);
        }
        write(out, a);
    }

    private static void write(OutputStream out, Answer a) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 " + a.status() + " " + reason(a.status()) + "\r\nContent-Type: "
                + a.contentType() + "\r\n");
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

    private static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 201: return "Created";
            case 404: return "Not Found";
            case 409: return "Conflict";
            case 413: return "Request Entity Too Large";
            case 500: return "Internal Server Error";
            default: return "X";
        }
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

    /** Stops the fake; fails (AssertionError) when a request was not scripted. */
    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
        if (!unscripted.isEmpty()) {
            throw new AssertionError("requests FakeJvirtd had no answer for (a wrong endpoint?): " + unscripted);
        }
    }
}
