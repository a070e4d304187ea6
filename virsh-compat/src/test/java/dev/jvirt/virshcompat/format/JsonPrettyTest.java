package dev.jvirt.virshcompat.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.api.json.Json;
import org.junit.jupiter.api.Test;

class JsonPrettyTest {

    @Test
    void indentsAsVirshQemuMonitorCommandPretty() {
        // virsh qemu-monitor-command web1 --pretty '{"execute":"query-status"}' (libvirt 9.0)
        String virsh = """
                {
                  "return": {
                    "status": "running",
                    "singlestep": false,
                    "running": true
                  },
                  "id": "libvirt-416"
                }""";
        Object answer = Json.parse("{\"return\":{\"status\":\"running\",\"singlestep\":false,\"running\":true},\"id\":\"libvirt-416\"}");
        assertThat(JsonPretty.format(answer)).isEqualTo(virsh);
    }

    @Test
    void emptyContainersAndArraysStayCompactOrIndented() {
        assertThat(JsonPretty.format(Json.parse("{\"return\":{}}"))).isEqualTo("{\n  \"return\": {}\n}");
        assertThat(JsonPretty.format(Json.parse("[1,\"a\",null]"))).isEqualTo("[\n  1,\n  \"a\",\n  null\n]");
    }
}
