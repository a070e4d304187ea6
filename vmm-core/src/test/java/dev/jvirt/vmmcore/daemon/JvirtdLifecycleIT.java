package dev.jvirt.vmmcore.daemon;

import static dev.jvirt.vmmcore.daemon.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lifecycle endpoints and the event stream on the tiny guest; a daemon restart keeps guests. */
@ExtendWith(TinyGuestExtension.class)
class JvirtdLifecycleIT {
    private static final Duration BOOT = Duration.ofSeconds(90);
    private DaemonFixture fixture;
    private UnixHttpClient api;

    @BeforeEach
    void startDaemon() throws Exception {
        fixture = new DaemonFixture();
        fixture.start();
        api = fixture.client();
    }

    @AfterEach
    void stopDaemon() throws Exception {
        fixture.close();
    }

    @Test
    void defineStartSuspendResumeResetRebootShutdownUndefineWithEvents(TinyGuest guest) throws Exception {
        try (UnixHttpClient.Stream events = api.stream("/1.0/events?domain=")) {
            assertThat(events.status).isEqualTo(200);
            assertThat(api.post("/1.0/domains", Map.of("xml", DaemonFixture.tinyXml(guest, "life"))).status()).isEqualTo(201);
            JsonNode listed = api.get("/1.0/domains").json();
            assertThat(listed.toString()).contains("\"name\":\"life\"").contains("\"state\":\"shut off\"").contains("\"id\":null");
            assertThat(api.get("/1.0/domains/life/xml?inactive=true").text()).contains("<name>life</name>");

            assertThat(api.post("/1.0/domains/life/start", Map.of()).json().path("state").asText()).isEqualTo("running");
            SerialOutput.await(consoleLog("life"), TinyGuest.READY_MARKER, BOOT);
            JsonNode info = api.get("/1.0/domains/life").json();
            assertThat(info.path("state").asText()).isEqualTo("running");
            assertThat(info.path("reason").asText()).isEqualTo("booted");
            assertThat(info.path("id").asInt()).isPositive();
            assertThat(info.path("pid").asLong()).isIn(fixture.qemuPids());
            assertThat(info.path("max_memory_kib").asLong()).isEqualTo(TinyGuest.MEMORY_MIB * 1024L);
            assertThat(info.path("cpu_time_ns").asLong()).isPositive();
            assertThat(api.get("/1.0/domains/life/blockdevices").json().toString())
                    .contains("\"target\":\"vda\"").contains("life-vda.qcow2");
            assertThat(api.get("/1.0/domains/life/interfaces").json().isArray()).isTrue();
            assertThat(api.get("/1.0/domains/life/xml").text()).contains("<name>life</name>");

            assertThat(api.post("/1.0/domains/life/suspend", Map.of()).json().toString())
                    .isEqualTo("{\"state\":\"paused\",\"reason\":\"user\"}");
            assertError(api.post("/1.0/domains/life/suspend", Map.of()), 409, "invalid-state", "paused");
            assertThat(api.post("/1.0/domains/life/resume", Map.of()).json().toString())
                    .isEqualTo("{\"state\":\"running\",\"reason\":\"unpaused\"}");
            assertThat(api.post("/1.0/domains/life/reset", Map.of()).json().path("state").asText()).isEqualTo("running");
            SerialOutput.await(consoleLog("life"), TinyGuest.READY_MARKER, 2, BOOT);
            assertThat(api.post("/1.0/domains/life/reboot", Map.of()).json().path("state").asText()).isEqualTo("running");
            SerialOutput.await(consoleLog("life"), TinyGuest.READY_MARKER, 3, BOOT);

            JsonNode off = api.post("/1.0/domains/life/shutdown", Map.of("timeout_seconds", 60)).json();
            assertThat(off.toString()).isEqualTo("{\"state\":\"shut off\",\"reason\":\"shutdown\"}");
            assertThat(api.put("/1.0/domains/life/autostart", Map.of("autostart", true)).json().path("autostart").asBoolean())
                    .isTrue();
            assertThat(api.get("/1.0/domains/life").json().path("autostart").asBoolean()).isTrue();
            assertThat(api.delete("/1.0/domains/life").status()).isEqualTo(200);
            assertThat(api.get("/1.0/domains/life").status()).isEqualTo(404);

            List<String> seen = new ArrayList<>();
            JsonNode e;
            while ((e = events.next(5)) != null && !e.isTextual()) {
                assertThat(e.path("domain").asText()).isEqualTo("life");
                assertThat(e.path("timestamp").asText()).matches("\\d{4}-.*Z");
                seen.add(e.path("event").asText() + "/" + e.path("detail").asText());
                if (seen.get(seen.size() - 1).startsWith("undefined")) {
                    break;
                }
            }
            assertThat(seen).containsSubsequence("defined/unknown", "started/booted", "suspended/user",
                    "resumed/unpaused", "rebooted/unpaused", "stopped/shutdown", "undefined/shutdown");
        }
    }

    @Test
    void shutdownOfAGuestIgnoringAcpiTimesOutThenDestroy(TinyGuest guest) throws Exception {
        api.post("/1.0/domains", Map.of("xml", DaemonFixture.tinyXml(guest, "stubborn", "qemu", TinyGuest.CMDLINE + " acpi=off")));
        api.post("/1.0/domains/stubborn/start", Map.of());
        SerialOutput.await(consoleLog("stubborn"), TinyGuest.READY_MARKER, BOOT);
        assertThat(api.post("/1.0/domains/stubborn/shutdown", Map.of()).json().path("state").asText()).isEqualTo("running");
        assertError(api.post("/1.0/domains/stubborn/shutdown", Map.of("timeout_seconds", 2)), 504, "operation-timeout",
                "did not power off within 2 s");
        assertError(api.post("/1.0/domains/stubborn/shutdown", Map.of("timeout_seconds", -1)), 400, "bad-request",
                "non-negative integer");
        assertThat(api.post("/1.0/domains/stubborn/destroy", Map.of("graceful", false)).json().toString())
                .isEqualTo("{\"state\":\"shut off\",\"reason\":\"destroyed\"}");
        assertThat(fixture.qemuPids()).isEmpty();
    }

    /**
     * {@code start} with {@code paused}: the guest never runs (QEMU still in prelaunch), reported
     * paused (user); {@code destroy} with {@code graceful} on a QEMU that cannot act on SIGTERM
     * (SIGSTOP) answers operation-timeout and leaves it; a plain destroy then forces it off.
     */
    @Test
    void startPausedAndGracefulDestroy(TinyGuest guest) throws Exception {
        api.post("/1.0/domains", Map.of("xml", DaemonFixture.tinyXml(guest, "still")));
        assertThat(api.post("/1.0/domains/still/start", Map.of("paused", true)).json().toString())
                .isEqualTo("{\"state\":\"paused\",\"reason\":\"user\"}");
        JsonNode status = api.post("/1.0/domains/still/qemu-monitor", Map.of("command", "{\"execute\":\"query-status\"}")).json();
        assertThat(status.path("return").path("status").asText()).isEqualTo("prelaunch");
        long pid = api.get("/1.0/domains/still").json().path("pid").asLong();
        assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor()).isZero();

        assertError(api.post("/1.0/domains/still/destroy", Map.of("graceful", true)), 504, "operation-timeout",
                "did not exit within 5 s of SIGTERM");
        JsonNode info = api.get("/1.0/domains/still").json();
        assertThat(info.path("state").asText()).isEqualTo("paused");
        assertThat(info.path("pid").asLong()).isEqualTo(pid);
        assertThat(fixture.qemuPids()).containsExactly(pid);

        assertThat(api.post("/1.0/domains/still/destroy", Map.of()).json().toString())
                .isEqualTo("{\"state\":\"shut off\",\"reason\":\"destroyed\"}");
        assertThat(fixture.qemuPids()).isEmpty();
    }

    @Test
    void transientDomainIsGoneOnceStopped(TinyGuest guest) throws Exception {
        String xml = DaemonFixture.tinyXml(guest, "temp");
        JsonNode created = api.post("/1.0/domains/create", Map.of("xml", xml, "paused", true)).json();
        assertThat(created.path("name").asText()).isEqualTo("temp");
        JsonNode info = api.get("/1.0/domains/temp").json();
        assertThat(info.path("persistent").asBoolean()).isFalse();
        assertThat(info.path("state").asText()).isEqualTo("paused");
        assertError(api.put("/1.0/domains/temp/autostart", Map.of("autostart", true)), 409, "domain-exists", "transient");
        assertError(api.post("/1.0/domains/create", Map.of("xml", xml)), 409,
                "domain-exists", "already exists");
        api.post("/1.0/domains/temp/destroy", Map.of());
        assertThat(api.get("/1.0/domains/temp").status()).isEqualTo(404);
    }

    @Test
    void restartKeepsGuestsRunningAndAutostarts(TinyGuest guest) throws Exception {
        api.post("/1.0/domains", Map.of("xml", DaemonFixture.tinyXml(guest, "keep")));
        api.post("/1.0/domains", Map.of("xml", DaemonFixture.tinyXml(guest, "auto")));
        api.put("/1.0/domains/auto/autostart", Map.of("autostart", true));
        api.post("/1.0/domains/keep/start", Map.of());
        JsonNode before = api.get("/1.0/domains/keep").json();
        long pid = before.path("pid").asLong();
        int id = before.path("id").asInt();

        fixture.stop(); // what SIGTERM does
        assertThat(fixture.options.socket()).doesNotExist();
        assertThat(fixture.qemuPids()).containsExactly(pid);

        fixture.start();
        JsonNode keep = api.get("/1.0/domains/keep").json();
        assertThat(keep.path("state").asText()).isEqualTo("running");
        assertThat(keep.path("pid").asLong()).isEqualTo(pid);
        assertThat(keep.path("id").asInt()).as("a takeover keeps the id").isEqualTo(id);
        assertThat(api.get("/1.0/domains/" + id).json().path("name").asText()).isEqualTo("keep"); // resolved by the daemon
        assertThat(api.get("/1.0/domains/" + keep.path("uuid").asText().replace("-", "") + "/state").status()).isEqualTo(200);
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (!api.get("/1.0/domains/auto/state").json().path("state").asText().equals("running")
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(api.get("/1.0/domains/auto/state").json().path("state").asText()).isEqualTo("running");
        int autoId = api.get("/1.0/domains/auto").json().path("id").asInt();
        assertThat(autoId).as("ids continue after the largest a takeover found").isGreaterThan(id);
        SerialOutput.await(consoleLog("keep"), TinyGuest.READY_MARKER, BOOT); // the reconnected guest still runs
        assertThat(api.post("/1.0/domains/keep/destroy", Map.of()).status()).isEqualTo(200);
        assertThat(api.post("/1.0/domains/" + autoId + "/destroy", Map.of()).status()).isEqualTo(200);
        assertThat(api.get("/1.0/domains/auto/state").json().path("state").asText()).isEqualTo("shut off");
        assertError(api.get("/1.0/domains/" + autoId), 404, "no-such-domain", String.valueOf(autoId)); // a stopped domain has no id
        assertThat(fixture.qemuPids()).isEmpty();
    }

    private Path consoleLog(String name) {
        return fixture.dirs.consoleLog(name); // the Hypervisor's console hub's log
    }
}
