package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvirt.vmmcore.HypervisorConfig;
import dev.jvirt.vmmcore.daemon.http.HttpLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP server of a real jvirtd (in this JVM) on its unix socket, spoken to byte by byte:
 * pipelined requests answered in order, every one before a {@code Connection: close}; a half-sent
 * request dropped after the request timeout, an idle connection after the idle timeout; a body
 * far over the limit answered with the daemon's own 413 once the client has written it; invalid
 * UTF-8 answered with its offset, line and column.
 */
class JvirtdHttpIT {
    private DaemonFixture f;
    private Jvirtd daemon;

    @BeforeEach
    void setUp() throws IOException {
        f = new DaemonFixture();
        HttpLimits limits = HttpLimits.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));
        daemon = Jvirtd.start(f.options.withHttp(limits), HypervisorConfig.of(f.dirs));
    }

    @AfterEach
    void tearDown() throws IOException {
        daemon.close();
        f.close();
    }

    @Test
    void hundredPipelinedRequestsGetHundredAnswersInOrderBeforeTheClose() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            all.append("GET /1.0/domains/d").append(i).append(" HTTP/1.1\r\nHost: jvirt\r\n")
                    .append(i == 99 ? "Connection: close\r\n" : "").append("\r\n");
        }
        List<String> names = new ArrayList<>();
        try (RawHttp c = new RawHttp(f.options.socket())) {
            c.write(all.toString()); // all at once: they arrive in one or a few reads
            RawHttp.Answer a;
            while ((a = c.read()) != null) {
                assertThat(a.status()).as(a.body()).isEqualTo(404);
                names.add(UnixHttpClient.JSON.readTree(a.body()).path("error").path("message").asText());
            }
        }
        assertThat(names).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(names.get(i)).as("answer " + i).contains("'d" + i + "'");
        }
    }

    @Test
    void aHalfSentRequestIsAnswered408AndDroppedAfterTheTimeout() throws Exception {
        try (RawHttp head = new RawHttp(f.options.socket()); RawHttp body = new RawHttp(f.options.socket())) {
            long t0 = System.nanoTime();
            head.write("GET /1.0 HTTP/1.1\r\nHost: jv"); // the head never ends
            body.write("POST /1.0/domains HTTP/1.1\r\nHost: jvirt\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"xml\":"); // 7 of 100 bytes
            for (RawHttp c : List.of(head, body)) {
                RawHttp.Answer a = c.read();
                assertThat(a.status()).isEqualTo(408);
                assertThat(a.body()).contains("request-timeout").contains("within 1 s");
                assertThat(c.closedByPeer()).isTrue();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeoutAndABusyOneIsNot() throws Exception {
        try (RawHttp c = new RawHttp(f.options.socket())) {
            c.write("GET /1.0 HTTP/1.1\r\nHost: jvirt\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(200);
            Thread.sleep(1200); // longer than the request timeout: no request has begun, so it does not apply
            c.write("GET /1.0 HTTP/1.1\r\nHost: jvirt\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(200);
            long t0 = System.nanoTime();
            assertThat(c.closedByPeer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(1800), Duration.ofSeconds(10));
        }
    }

    @Test
    void aFiftyMegabyteDefinitionGetsTheDaemonsOwn413AfterTheClientWroteIt() throws Exception {
        int size = 50 << 20;
        try (RawHttp c = new RawHttp(f.options.socket())) {
            c.write("POST /1.0/domains HTTP/1.1\r\nHost: jvirt\r\nContent-Type: application/json\r\nContent-Length: "
                    + size + "\r\n\r\n");
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i < 50; i++) {
                c.write(chunk); // no broken pipe: the daemon reads and drops the body
            }
            RawHttp.Answer a = c.read();
            assertThat(a.status()).isEqualTo(413);
            JsonNode err = UnixHttpClient.JSON.readTree(a.body()).path("error");
            assertThat(err.path("code").asText()).isEqualTo("too-large");
            assertThat(err.path("message").asText()).isEqualTo("the request body is 52428800 bytes; jvirtd accepts "
                    + "at most 4194304 bytes (4 MiB)");
            assertThat(a.headers()).containsEntry("connection", "close");
            assertThat(c.closedByPeer()).isTrue();
        }
        assertThat(f.client().get("/1.0").status()).isEqualTo(200);
    }

    @Test
    void aBodyUnderTheLimitThatTakesManyReadsIsAggregatedAndAnswered() throws Exception {
        int size = 3 << 20;
        try (RawHttp c = new RawHttp(f.options.socket())) {
            c.write("POST /1.0/domains HTTP/1.1\r\nHost: jvirt\r\nContent-Type: application/json\r\nContent-Length: "
                    + size + "\r\n\r\n");
            byte[] body = new byte[size];
            java.util.Arrays.fill(body, (byte) ' ');
            body[size - 1] = 'x';
            c.write(body);
            RawHttp.Answer a = c.read();
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.body()).contains("the request body is not JSON");
            c.write("GET /1.0 HTTP/1.1\r\nHost: jvirt\r\n\r\n"); // the connection goes on
            assertThat(c.read().status()).isEqualTo(200);
        }
    }

    @Test
    void invalidUtf8InADefinitionIsAnsweredWithItsOffsetLineAndColumn() throws Exception {
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        xml.writeBytes("<domain type='qemu'>\n  <name>caf\u00e9</name>\n  <title>".getBytes(StandardCharsets.UTF_8));
        int offset = xml.size();
        xml.write(0xe9); // Latin-1 é
        xml.writeBytes("t\u00e9</title>\n</domain>\n".getBytes(StandardCharsets.ISO_8859_1));
        byte[] body = xml.toByteArray();
        try (RawHttp c = new RawHttp(f.options.socket())) {
            c.write("POST /1.0/domains HTTP/1.1\r\nHost: jvirt\r\nContent-Type: application/xml\r\nContent-Length: "
                    + body.length + "\r\n\r\n");
            c.write(body);
            RawHttp.Answer a = c.read();
            assertThat(a.status()).isEqualTo(400);
            JsonNode err = UnixHttpClient.JSON.readTree(a.body()).path("error");
            assertThat(err.path("code").asText()).isEqualTo("invalid-definition");
            assertThat(err.path("message").asText()).isEqualTo("the definition is not valid UTF-8: byte 0xe9 at byte offset "
                    + offset + " (line 3, column 10)");
        }
        byte[] json = ("{\"xml\":\"<domain>\u00e9</domain>\"}").getBytes(StandardCharsets.ISO_8859_1);
        try (RawHttp c = new RawHttp(f.options.socket())) {
            c.write("POST /1.0/domains HTTP/1.1\r\nHost: jvirt\r\nContent-Type: application/json\r\nContent-Length: "
                    + json.length + "\r\n\r\n");
            c.write(json);
            RawHttp.Answer a = c.read();
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.body()).contains("the request body is not valid UTF-8: byte 0xe9 at byte offset 16 (line 1, column 17)");
        }
    }
}
