package dev.jvirt.vmmcore.daemon;

import static dev.jvirt.vmmcore.daemon.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** QMP and HMP passthrough and the QMP event stream over the daemon's own monitor connection. */
@ExtendWith(TinyGuestExtension.class)
class JvirtdQemuMonitorIT {
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
    void monitorCommandsAndEventsOfARunningGuest(TinyGuest guest) throws Exception {
        assertThat(api.post("/1.0/domains", Map.of("xml", DaemonFixture.tinyXml(guest, "mon"))).status()).isEqualTo(201);
        assertError(api.post("/1.0/domains/mon/qemu-monitor", Map.of("command", "{\"execute\":\"query-status\"}")),
                409, "invalid-state", "shut off");
        assertError(api.post("/1.0/domains/nosuch/qemu-monitor", Map.of("command", "{\"execute\":\"query-status\"}")),
                404, "no-such-domain", "nosuch");

        assertThat(api.post("/1.0/domains/mon/start", Map.of()).status()).isEqualTo(200);

        JsonNode status = api.post("/1.0/domains/mon/qemu-monitor",
                Map.of("command", "{\"execute\":\"query-status\"}")).json();
        assertThat(status.path("return").path("status").asText()).isEqualTo("running");

        JsonNode withArgs = api.post("/1.0/domains/mon/qemu-monitor",
                Map.of("command", "{\"execute\":\"qom-get\",\"arguments\":{\"path\":\"/machine\",\"property\":\"type\"}}")).json();
        assertThat(withArgs.path("return").asText()).startsWith("pc-i440fx");

        UnixHttpClient.Response refused = api.post("/1.0/domains/mon/qemu-monitor",
                Map.of("command", "{\"execute\":\"no-such-command\"}"));
        assertError(refused, 400, "qemu-error", "no-such-command");
        assertThat(refused.json().path("error").path("class").asText()).isEqualTo("CommandNotFound");
        assertThat(refused.json().path("error").path("desc").asText()).contains("no-such-command");

        assertError(api.post("/1.0/domains/mon/qemu-monitor", Map.of("command", "query-status")),
                400, "bad-request", "not JSON");
        assertError(api.post("/1.0/domains/mon/qemu-monitor", Map.of()), 400, "bad-request", "command");

        JsonNode hmp = api.post("/1.0/domains/mon/qemu-monitor", Map.of("command", "info status", "hmp", true)).json();
        assertThat(hmp.path("return").asText()).contains("VM status: running");

        try (UnixHttpClient.Stream events = api.stream("/1.0/domains/mon/qemu-events?event=STOP")) {
            assertThat(events.status).isEqualTo(200);
            assertThat(api.post("/1.0/domains/mon/suspend", Map.of()).status()).isEqualTo(200);
            JsonNode e = events.next(30);
            assertThat(e).as("a STOP event on the QMP event stream").isNotNull();
            assertThat(e.path("event").asText()).isEqualTo("STOP");
            assertThat(e.path("timestamp").path("seconds").asLong()).isPositive();
        }
        assertThat(api.post("/1.0/domains/mon/destroy", Map.of()).status()).isEqualTo(200);
    }
}
