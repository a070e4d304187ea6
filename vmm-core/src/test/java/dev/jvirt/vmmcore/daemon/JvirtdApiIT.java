package dev.jvirt.vmmcore.daemon;

import static dev.jvirt.vmmcore.daemon.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.vmmcore.daemon.UnixHttpClient.Response;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every endpoint of docs/api.md over the real socket, on tiny guests under TCG, with its error paths. */
@ExtendWith(TinyGuestExtension.class)
class JvirtdApiIT {
    private static DaemonFixture fixture;
    private static UnixHttpClient api;

    @BeforeAll
    static void startDaemon() throws Exception {
        fixture = new DaemonFixture();
        // A short busy wait, so that a request racing a start gets domain-busy at once.
        fixture.start(c -> c.withBusyWait(Duration.ofMillis(20)));
        api = fixture.client();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        fixture.close();
        assertThat(fixture.qemuPids()).isEmpty();
    }

    @Test
    void serverInfoSocketModeAndSingleInstance() throws Exception {
        JsonNode info = api.get("/1.0").json();
        assertThat(info.path("api_version").asText()).isEqualTo("1.0");
        assertThat(info.path("uri").asText()).isEqualTo("vmm:///session");
        assertThat(info.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.options.socket())))
                .isEqualTo("rw-------");
        try {
            Jvirtd.start(fixture.options).close();
            throw new AssertionError("a second jvirtd on the same dirs started");
        } catch (InstanceLock.AlreadyRunningException e) {
            assertThat(e.getMessage()).contains("already running").contains("pid " + ProcessHandle.current().pid());
        }
        assertThat(api.get("/1.0").status()).isEqualTo(200); // the first one still serves
    }

    @Test
    void unknownDomainOnEveryDomainEndpoint() {
        List<Response> answers = new ArrayList<>();
        for (String sub : List.of("", "/state", "/xml", "/blockdevices", "/interfaces", "/console", "/qemu-events")) {
            answers.add(api.get("/1.0/domains/nope" + sub));
        }
        for (String op : List.of("start", "shutdown", "destroy", "reboot", "reset", "suspend", "resume", "qemu-monitor")) {
            answers.add(api.post("/1.0/domains/nope/" + op, Map.of()));
        }
        answers.add(api.put("/1.0/domains/nope/autostart", Map.of("autostart", true)));
        answers.add(api.delete("/1.0/domains/nope"));
        answers.add(api.get("/1.0/events?domain=nope"));
        answers.add(api.get("/1.0/domains/00000000-0000-0000-0000-000000000001"));
        for (Response r : answers) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("no-such-domain");
            assertThat(r.message()).contains("not found");
            assertThat(r.json().path("error").path("hint").asText()).contains("list --all");
        }
    }

    @Test
    void malformedRequests() {
        assertError(api.get("/1.0/nothing"), 404, "not-found", "no such endpoint: /1.0/nothing");
        assertError(api.send("PATCH", "/1.0/domains", null), 405, "method-not-allowed", "allowed: GET, POST");
        assertError(api.post("/1.0/domains", "{not json"), 400, "bad-request", "not JSON");
        assertError(api.post("/1.0/domains", "[1]"), 400, "bad-request", "must be a JSON object");
        assertError(api.post("/1.0/domains", Map.of()), 400, "bad-request", "missing field 'xml'");
        assertError(api.post("/1.0/domains", Map.of("xml", 5)), 400, "bad-request", "'xml' must be a string");
        assertError(api.get("/1.0/host/capabilities?format=yaml"), 400, "bad-request", "format must be json or xml");
        assertError(api.post("/1.0/domxml-to-native", Map.of("xml", "<domain/>", "format", "vmx")), 400,
                "bad-request", "qemu-argv");
    }

    @Test
    void invalidDefinitionSaysLineAndColumn() {
        String xml = "<domain type='qemu'>\n  <name>bad</name>\n  <memory unit='MiB'>lots</memory>\n</domain>";
        Response r = api.post("/1.0/domains", Map.of("xml", xml));
        assertError(r, 400, "invalid-definition", "3:");
        assertThat(r.message()).contains("/domain/memory");
        assertError(api.post("/1.0/domains", Map.of("xml", "<domain><name>x</name")), 400, "invalid-definition", "1:");
        assertThat(api.get("/1.0/domains/bad").status()).isEqualTo(404); // nothing was defined
    }

    @Test
    void kvmUnusableIsRefusedWithTheReason(TinyGuest guest) {
        assertThat(api.post("/1.0/domains", Map.of("xml", DaemonFixture.tinyXml(guest, "kvm1", "kvm"))).status())
                .isEqualTo(201);
        Response r = api.post("/1.0/domains/kvm1/start", Map.of());
        assertError(r, 422, "kvm-unusable", "KVM is not usable on this host");
        assertThat(r.message()).contains("type='qemu'");
        assertThat(api.get("/1.0/domains/kvm1/state").json().path("state").asText()).isEqualTo("shut off");
        assertThat(api.delete("/1.0/domains/kvm1").status()).isEqualTo(200);
    }

    @Test
    void defineConflictsByUuidAndAutostartOfTransient(TinyGuest guest) {
        String xml = DaemonFixture.tinyXml(guest, "first");
        JsonNode first = api.post("/1.0/domains", Map.of("xml", xml)).json();
        String other = DaemonFixture.tinyXml(guest, "second").replace("<name>second</name>",
                "<name>second</name><uuid>" + first.path("uuid").asText() + "</uuid>");
        assertError(api.post("/1.0/domains", Map.of("xml", other)), 409, "domain-exists",
                "domain 'first' is already defined with uuid " + first.path("uuid").asText());
        String sameNameOtherUuid = xml.replace("<name>first</name>",
                "<name>first</name><uuid>6f1d7a7e-0000-4000-8000-000000000001</uuid>");
        assertError(api.post("/1.0/domains", Map.of("xml", sameNameOtherUuid)), 409, "domain-exists", "already exists");
        assertError(api.put("/1.0/domains/first/autostart", Map.of()), 400, "bad-request", "missing field 'autostart'");
        // Redefining with the same identity is an update.
        assertThat(api.post("/1.0/domains", Map.of("xml", xml)).status()).isEqualTo(201);
        assertThat(api.get("/1.0/domains/" + first.path("uuid").asText()).json().path("name").asText()).isEqualTo("first");
        assertThat(api.delete("/1.0/domains/first").status()).isEqualTo(200);
    }

    @Test
    void hostAndConversionEndpoints(TinyGuest guest) {
        JsonNode caps = api.get("/1.0/host/capabilities").json();
        assertThat(caps.path("kvm").path("usable").asBoolean()).isFalse();
        assertThat(caps.path("domain_types").toString()).isEqualTo("[\"qemu\"]");
        Response xml = api.get("/1.0/host/capabilities?format=xml");
        assertThat(xml.headers().get("content-type")).isEqualTo("application/xml");
        assertThat(xml.text()).contains("<capabilities>").contains("<domain type=\"qemu\"");
        assertThat(api.get("/1.0/host/domcapabilities").json().path("path").asText()).contains("qemu-system-x86_64");
        assertThat(api.get("/1.0/host/domcapabilities?format=xml").text()).contains("<domainCapabilities>");
        JsonNode node = api.get("/1.0/host/nodeinfo").json();
        assertThat(node.path("cpus").asInt()).isPositive();
        assertThat(node.path("memory_kib").asLong()).isPositive();
        JsonNode argv = api.post("/1.0/domxml-to-native", Map.of("xml", DaemonFixture.tinyXml(guest, "native"))).json();
        assertThat(argv.path("argv").get(0).asText()).endsWith("qemu-system-x86_64");
        assertThat(argv.path("argv").toString()).contains("-accel").contains("tcg");
        assertThat(api.get("/1.0/domains/native").status()).isEqualTo(404); // a conversion defines nothing
    }

    @Test
    void monitorEndpointsNeedARunningDomain(TinyGuest guest) {
        api.post("/1.0/domains", Map.of("xml", DaemonFixture.tinyXml(guest, "later")));
        assertError(api.post("/1.0/domains/later/qemu-monitor", Map.of("command", "{\"execute\":\"query-status\"}")),
                409, "invalid-state", "shut off");
        assertError(api.get("/1.0/domains/later/qemu-events"), 409, "invalid-state", "shut off");
        api.delete("/1.0/domains/later");
    }

    @Test
    void busyWhileAnotherOperationRuns(TinyGuest guest) throws Exception {
        api.post("/1.0/domains", Map.of("xml", DaemonFixture.tinyXml(guest, "busy")));
        CompletableFuture<Response> start = CompletableFuture.supplyAsync(() -> api.post("/1.0/domains/busy/start", Map.of()));
        Response second = null;
        for (int i = 0; i < 200 && !start.isDone(); i++) {
            Response r = api.post("/1.0/domains/busy/destroy", Map.of());
            if (r.status() == 409 && "domain-busy".equals(r.code())) {
                second = r;
                break;
            }
            Thread.sleep(5);
        }
        assertThat(start.get().status()).as(start.get().toString()).isEqualTo(200);
        assertThat(second).as("a destroy during the start was answered domain-busy").isNotNull();
        assertThat(second.message()).contains("busy").contains("start is in progress");
        assertError(api.post("/1.0/domains/busy/start", Map.of()), 409, "invalid-state", "it is running");
        assertThat(api.post("/1.0/domains/busy/destroy", Map.of()).json().path("reason").asText()).isEqualTo("destroyed");
        api.delete("/1.0/domains/busy");
    }
}
