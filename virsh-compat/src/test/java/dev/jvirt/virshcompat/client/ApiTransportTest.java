package dev.jvirt.virshcompat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.api.Domains;
import dev.jvirt.api.http.HttpResponse;
import dev.jvirt.api.json.Json;
import dev.jvirt.virshcompat.FakeJvirtd;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 client and error decoding against a scripted stand-in for jvirtd on a unix socket. */
class ApiTransportTest {

    private final FakeJvirtd fake = new FakeJvirtd();
    private final ApiClient client = new ApiClient(new ApiTransport(
            ConnectUri.resolve(fake.uri(), Env.of(Map.of(), 1000)), Env.of(Map.of(), 1000)));

    ApiTransportTest() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    @Test
    void readsAListOfDomains() {
        fake.json("GET", "/1.0/domains", "[{\"id\":3,\"name\":\"web1\",\"uuid\":\"u1\",\"state\":\"running\","
                + "\"reason\":\"booted\",\"persistent\":true,\"autostart\":false},"
                + "{\"id\":null,\"name\":\"db\",\"uuid\":\"u2\",\"state\":\"shut off\",\"reason\":\"shutdown\","
                + "\"persistent\":true,\"autostart\":true}]");
        assertThat(client.domains()).containsExactly(
                new Domains.Summary(3L, "web1", "u1", "running", "booted", true, false),
                new Domains.Summary(null, "db", "u2", "shut off", "shutdown", true, true));
    }

    @Test
    void sendsJsonBodiesAndEncodesNamesInPaths() {
        fake.json("POST", "/1.0/domains/my%20vm/start", "{\"state\":\"paused\",\"reason\":\"user\"}");
        assertThat(client.start("my vm", true).state()).isEqualTo("paused");
        FakeJvirtd.Request r = fake.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(Json.parse(r.body())).isEqualTo(Map.of("paused", true));
    }

    @Test
    void decodesTheErrorObjectIntoCodeMessageAndHint() {
        fake.noSuchDomain("GET", "/1.0/domains/web9");
        assertThatThrownBy(() -> client.domain("web9"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("no-such-domain");
                    assertThat(e.getMessage()).isEqualTo("domain 'web9' is not defined");
                    assertThat(e.hint()).isEqualTo("jvirsh list --all shows the defined domains");
                });
    }

    @Test
    void anErrorThatIsNotAnErrorObjectStillSaysWhatHappened() {
        fake.text("GET", "/1.0/host/nodeinfo", "text/plain", "");
        fake.json("GET", "/1.0", 502, "Bad Gateway");
        assertThatThrownBy(client::server).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo("internal");
            assertThat(e.getMessage()).isEqualTo("jvirtd answered HTTP 502: Bad Gateway");
        });
    }

    @Test
    void readsChunkedStreamsLineByLine() throws Exception {
        fake.chunked("GET", "/1.0/events", List.of("{\"domain\":\"a\",\"eve", "nt\":\"started\"}\n{\"domain\":\"b\"}\n"));
        try (HttpResponse r = client.openStream("/1.0/events")) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("{\"domain\":\"a\",\"event\":\"started\"}");
            assertThat(lines.readLine()).isEqualTo("{\"domain\":\"b\"}");
            assertThat(lines.readLine()).isNull();
        }
    }

    @Test
    void textAnswersComeBackVerbatim() {
        fake.text("GET", "/1.0/domains/web1/xml?inactive=true", "application/xml", "<domain>\n</domain>\n");
        assertThat(client.xml("web1", true)).isEqualTo("<domain>\n</domain>\n");
    }

    @Test
    void noDaemonOnAnExplicitSocketIsAConnectErrorNamingIt() {
        Path missing = Path.of("/tmp/no-such-dir-jvirsh/jvirtd.sock");
        ApiClient c = new ApiClient(new ApiTransport(ConnectUri.resolve("vmm:///session?socket=" + missing,
                Env.of(Map.of(), 1000)), Env.of(Map.of(), 1000)));
        assertThatThrownBy(c::domains).isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("Failed to connect socket to '" + missing + "': ");
    }
}
