package dev.jvirt.vmmcore.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.domainxml.domain.NestedLxd;
import dev.jvirt.vmmcore.NestedLxdStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** nested-status judged from what the guest's script printed: LXD's answers against the option. */
class NestedLxdProbeTest {

    private static final NestedLxd OPTION = new NestedLxd("dir", "lxdbr0", "10.23.0.1/24", true, null, "busybox");

    private static String b64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String ready(String profileNesting, String instances) {
        return "cloud-init done\nsetup done\nlxd-service active\n"
                + "server " + b64("{\"api_status\":\"stable\",\"environment\":{\"server_version\":\"5.0.2\"}}") + "\n"
                + "pool " + b64("{\"name\":\"default\",\"driver\":\"dir\"}") + "\n"
                + "network " + b64("{\"name\":\"lxdbr0\",\"config\":{\"ipv4.address\":\"10.23.0.1/24\"}}") + "\n"
                + "profile " + b64("{\"name\":\"default\",\"config\":{\"security.nesting\":\"" + profileNesting + "\"},"
                + "\"devices\":{\"root\":{},\"eth0\":{}}}") + "\n"
                + "instances " + b64(instances) + "\n";
    }

    @Test
    void readyWhenLxdAnswersAndThePreseedApplied() {
        NestedLxdStatus s = NestedLxdProbe.parse(ready("true", """
                [{"name":"c1","status":"Running","expanded_config":{"security.nesting":"true","limits.cpu":"1"},
                  "state":{"network":{"lo":{"addresses":[{"address":"127.0.0.1","netmask":"8","scope":"local"}]},
                    "eth0":{"addresses":[{"address":"10.23.0.17","netmask":"24","scope":"global"},
                      {"address":"fe80::1","netmask":"64","scope":"link"}]}}}}]"""), OPTION);
        assertThat(s.problems()).isEmpty();
        assertThat(s.ready()).isTrue();
        assertThat(s.lxdVersion()).isEqualTo("5.0.2");
        assertThat(s.containers()).containsExactly(new NestedLxdStatus.Container("c1", "Running",
                java.util.List.of("10.23.0.17/24 (eth0)"), java.util.List.of("security.nesting=true", "limits.cpu=1")));
    }

    @Test
    void cloudInitDoneIsNotEnough() {
        NestedLxdStatus s = NestedLxdProbe.parse(ready("false", "[]"), OPTION);
        assertThat(s.ready()).isFalse();
        assertThat(s.problems()).containsExactly("profile 'default' has security.nesting=false, not true");
    }

    @Test
    void lxdNotStartedYet() {
        NestedLxdStatus s = NestedLxdProbe.parse("uptime 41\ncloud-init running\nsetup pending\nlxd-service inactive\n", OPTION);
        assertThat(s.ready()).isFalse();
        assertThat(s.agent()).isTrue();
        assertThat(s.problems()).containsExactly("the LXD setup has not finished (cloud-init: running, the guest up 41 s)",
                "lxd.service is inactive");
    }

    @Test
    void whileTheSetupRunsLxdIsNotAskedNorBlamed() {
        NestedLxdStatus s = NestedLxdProbe.parse("uptime 50\ncloud-init running (stage modules-final)\nsetup pending\nlxd-service active\n", OPTION);
        assertThat(s.problems()).containsExactly(
                "the LXD setup has not finished (cloud-init: running (stage modules-final), the guest up 50 s)");
    }

    @Test
    void aFailedSetupSaysWhereItsLogIs() {
        NestedLxdStatus s = NestedLxdProbe.parse("cloud-init done\nsetup failed Error: no iptables\nlxd-service active\n", OPTION);
        assertThat(s.setup()).isEqualTo("failed");
        assertThat(s.problems()).anyMatch(p -> p.contains("Error: no iptables") && p.contains("/var/lib/jvirt/nested-lxd.log"));
    }

    @Test
    void theScriptAsksLxdOnlyOnceItsServiceIsActive() {
        String script = NestedLxdProbe.script(OPTION);
        assertThat(script.indexOf("[ \"$svc\" = active ] && [ \"$setup\" != pending ] || exit 0")).isPositive()
                .isLessThan(script.indexOf("lxc query"));
        assertThat(script).contains("/1.0/networks/lxdbr0");
    }
}
