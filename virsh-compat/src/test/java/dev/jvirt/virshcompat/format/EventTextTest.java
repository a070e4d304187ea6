package dev.jvirt.virshcompat.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.api.Domains;
import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import org.junit.jupiter.api.Test;

class EventTextTest {

    private static Domains.Event event(String json) {
        return Domains.Event.from(JsonObject.of(Json.parse(json)));
    }

    private static JsonObject qmp(String json) {
        return JsonObject.of(Json.parse(json));
    }

    @Test
    void lifecycleEventsAsVirshPrintsThem() {
        // virsh event --all --loop: "event 'lifecycle' for domain 'web1': Resumed Unpaused"
        assertThat(EventText.domainEvent(event("{\"domain\":\"web1\",\"event\":\"resumed\",\"detail\":\"unpaused\",\"timestamp\":\"t\"}"), false))
                .isEqualTo("event 'lifecycle' for domain 'web1': Resumed Unpaused");
        assertThat(EventText.domainEvent(event("{\"domain\":\"web1\",\"event\":\"stopped\",\"detail\":\"shutdown\"}"), false))
                .isEqualTo("event 'lifecycle' for domain 'web1': Stopped Shutdown");
        // jvirtd's detail is the reason (paused (user)); virsh says "Suspended Paused"
        assertThat(EventText.domainEvent(event("{\"domain\":\"web1\",\"event\":\"suspended\",\"detail\":\"user\"}"), false))
                .isEqualTo("event 'lifecycle' for domain 'web1': Suspended Paused");
    }

    @Test
    void rebootIsItsOwnKindWithoutDetail() {
        // virsh: "event 'reboot' for domain 'web1'"
        Domains.Event e = event("{\"domain\":\"web1\",\"event\":\"rebooted\",\"detail\":\"booted\"}");
        assertThat(EventText.kindOf(e)).isEqualTo("reboot");
        assertThat(EventText.domainEvent(e, false)).isEqualTo("event 'reboot' for domain 'web1'");
    }

    @Test
    void qmpEventWithAndWithoutData() {
        JsonObject powerdown = qmp("{\"event\":\"POWERDOWN\",\"timestamp\":{\"seconds\":1700000000,\"microseconds\":42}}");
        assertThat(EventText.qmpEvent("web1", powerdown, false, false))
                .isEqualTo("event POWERDOWN at 1700000000.000042 for domain 'web1': <null>");
        JsonObject shutdown = qmp("{\"event\":\"SHUTDOWN\",\"data\":{\"guest\":true,\"reason\":\"guest-shutdown\"},"
                + "\"timestamp\":{\"seconds\":1,\"microseconds\":2}}");
        assertThat(EventText.qmpEvent("web1", shutdown, false, false))
                .isEqualTo("event SHUTDOWN at 1.000002 for domain 'web1': {\"guest\":true,\"reason\":\"guest-shutdown\"}");
    }
}
