package dev.jvirt.virshcompat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.virshcompat.client.Env;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellHistoryTest {

    @Test
    void xdgStateHomeThenTheSpecsDefault() {
        assertThat(ShellHistory.file(Env.of(Map.of("XDG_STATE_HOME", "/s", "HOME", "/h"), 1000)))
                .isEqualTo(Path.of("/s/jvirt/jvirsh_history"));
        assertThat(ShellHistory.file(Env.of(Map.of("HOME", "/h"), 1000)))
                .isEqualTo(Path.of("/h/.local/state/jvirt/jvirsh_history"));
        // A relative XDG_STATE_HOME is invalid by the specification: ignored.
        assertThat(ShellHistory.file(Env.of(Map.of("XDG_STATE_HOME", "rel", "HOME", "/h"), 1000)))
                .isEqualTo(Path.of("/h/.local/state/jvirt/jvirsh_history"));
        assertThat(ShellHistory.file(Env.of(Map.of(), 1000))).isNull();
    }
}
