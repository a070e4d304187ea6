package dev.jvirt.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a one-connection-at-a-time server of the test's own, scripted per test. */
class UnixHttpClientTest {

    /** What the server does with one connection. */
    interface Script {
        void serve(InputStream in, OutputStream out) throws IOException;
    }

    private final Path dir = Files.createTempDirectory("unix-http");
    private final Path socket = dir.resolve("s.sock");
    private final AtomicLong received = new AtomicLong();
    private ServerSocketChannel server;

    UnixHttpClientTest() throws IOException {
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        Files.deleteIfExists(socket);
        Files.delete(dir);
    }

    private void serve(Script script) throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(() -> {
            while (server.isOpen()) {
                try (SocketChannel ch = server.accept()) {
                    InputStream in = new CountingInput(ChannelStreams.input(ch), received);
                    script.serve(in, ChannelStreams.output(ch));
                } catch (IOException e) {
                    // closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @Test
    void readsAFixedLengthAnswer() throws Exception {
        serve((in, out) -> {
            head(in);
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
        });
        UnixHttpClient.Answer a = new UnixHttpClient(socket).call("GET", "/1.0", Map.of(), null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.reason()).isEqualTo("OK");
        assertThat(a.headers()).containsEntry("content-type", "application/json");
        assertThat(a.text()).isEqualTo("{}");
    }

    @Test
    void readsAChunkedAnswer() throws Exception {
        serve((in, out) -> {
            head(in);
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=1\r\nde\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        assertThat(new UnixHttpClient(socket).call("GET", "/s", Map.of(), null).text()).isEqualTo("abcde");
    }

    /**
     * A daemon that refuses a body over its limit answers 413 after the headers and closes without
     * reading the body: the writer's broken pipe must not hide that answer.
     */
    @Test
    void anAnswerSentBeforeTheBodyWasReadIsStillRead() throws Exception {
        serve((in, out) -> {
            head(in);
            byte[] body = "{\"error\":{\"code\":\"too-large\",\"message\":\"the body is over 8 MiB\"}}".getBytes(StandardCharsets.US_ASCII);
            out.write(("HTTP/1.1 413 Request Entity Too Large\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
        });
        byte[] huge = new byte[50 << 20];
        UnixHttpClient.Answer a = new UnixHttpClient(socket).call("POST", "/1.0/domains", Map.of(), huge);
        assertThat(a.status()).isEqualTo(413);
        assertThat(a.text()).contains("the body is over 8 MiB");
        assertThat(received.get()).isLessThan(huge.length);
    }

    @Test
    void aConnectionClosedWithoutAnAnswerIsTheWritesFailure() throws Exception {
        serve((in, out) -> head(in));
        assertThatThrownBy(() -> new UnixHttpClient(socket).call("POST", "/x", Map.of(), new byte[50 << 20]))
                .isInstanceOf(IOException.class).hasMessageContaining("Broken pipe");
    }

    @Test
    void theUpgradedConnectionCarriesBytesBothWays() throws Exception {
        serve((in, out) -> {
            head(in);
            out.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(in.readNBytes(5));
        });
        try (HttpResponse r = new UnixHttpClient(socket).exchange("GET", "/e", Map.of("Connection", "Upgrade", "Upgrade", "echo"), null)) {
            assertThat(r.status()).isEqualTo(101);
            r.output().write("hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(r.body().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("hello");
        }
    }

    @Test
    void thePeerCheckRunsBeforeAnythingIsSent() throws Exception {
        serve((in, out) -> in.readAllBytes());
        UnixHttpClient client = new UnixHttpClient(socket, "test", (s, ch) -> {
            throw new IOException("not trusted: " + s);
        });
        assertThatThrownBy(() -> client.call("GET", "/1.0", Map.of(), null)).hasMessage("not trusted: " + socket);
        Thread.sleep(100);
        assertThat(received.get()).isZero();
    }

    @Test
    void theServerOfASocketIsKnownBySoPeercred() throws Exception {
        serve((in, out) -> in.readAllBytes());
        int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        try (SocketChannel ch = new UnixHttpClient(socket).connect()) {
            assertThat(PeerCredentials.user(ch)).isEqualTo(PeerCredentials.uid(me));
            assertThat(PeerCredentials.user(ch)).isNotEqualTo(PeerCredentials.uid(me + 12345));
            assertThat(PeerCredentials.servedBy(ch, me + 12345)).isEqualTo(me == 0);
            assertThat(PeerCredentials.servedBy(ch, me)).isTrue();
        }
    }

    @Test
    void nothingListeningIsItsOwnException() {
        assertThatThrownBy(() -> new UnixHttpClient(dir.resolve("none.sock")).call("GET", "/", Map.of(), null))
                .isInstanceOf(UnixHttpClient.NotListening.class);
    }

    /** Reads the request head (not the body). */
    private static void head(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("no request");
            }
            b.write(c);
        }
    }

    private static final class CountingInput extends InputStream {
        private final InputStream in;
        private final AtomicLong count;

        CountingInput(InputStream in, AtomicLong count) {
            this.in = in;
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int c = in.read();
            if (c >= 0) {
                count.incrementAndGet();
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
