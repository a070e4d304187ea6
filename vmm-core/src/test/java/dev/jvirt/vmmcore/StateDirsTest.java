package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateDirsTest {

    @Test
    void systemAndSessionFollowTheDesign() {
        assertThat(StateDirs.system()).isEqualTo(new StateDirs(Path.of("/var/lib/jvirt"), Path.of("/run/jvirt")));
        assertThat(StateDirs.session(Map.of("XDG_DATA_HOME", "/d", "XDG_RUNTIME_DIR", "/run/user/7"), "/home/u", 7))
                .isEqualTo(new StateDirs(Path.of("/d/jvirt"), Path.of("/run/user/7/jvirt")));
        assertThat(StateDirs.session(Map.of(), "/home/u", 1000))
                .isEqualTo(new StateDirs(Path.of("/home/u/.local/share/jvirt"), Path.of("/tmp/jvirt-1000")));
    }

    @Test
    void layout() {
        StateDirs d = new StateDirs(Path.of("/s"), Path.of("/r"));
        assertThat(d.qemuDefinitions()).isEqualTo(Path.of("/s/qemu"));
        assertThat(d.qemuAutostart()).isEqualTo(Path.of("/s/qemu/autostart"));
        assertThat(d.qemuRuntime()).isEqualTo(Path.of("/r/qemu"));
    }
}
