package dev.jvirt.virshcompat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectUriTest {

    private static final Env USER = Env.of(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), 1000);
    private static final Env ROOT = Env.of(Map.of(), 0);

    @Test
    void userDefaultsToTheSessionSocketUnderXdgRuntimeDir() {
        ConnectUri u = ConnectUri.resolve(null, USER);
        assertThat(u.uri()).isEqualTo("vmm:///session");
        assertThat(u.socket()).isEqualTo(Path.of("/run/user/1000/jvirt/jvirtd.sock"));
        assertThat(u.system()).isFalse();
    }

    @Test
    void withoutXdgRuntimeDirTheSessionSocketIsInTmpByUid() {
        assertThat(ConnectUri.resolve("vmm:///session", Env.of(Map.of(), 1234)).socket())
                .isEqualTo(Path.of("/tmp/jvirt-1234/jvirtd.sock"));
    }

    @Test
    void rootDefaultsToSystemAsVirshDoes() {
        ConnectUri u = ConnectUri.resolve(null, ROOT);
        assertThat(u.uri()).isEqualTo("vmm:///system");
        assertThat(u.socket()).isEqualTo(Path.of("/run/jvirt/jvirtd.sock"));
    }

    @Test
    void environmentDefaultAppliesWithoutConnect() {
        Env env = Env.of(Map.of("JVIRT_DEFAULT_URI", "qemu:///session", "XDG_RUNTIME_DIR", "/r"), 0);
        assertThat(ConnectUri.resolve(null, env).uri()).isEqualTo("vmm:///session");
        assertThat(ConnectUri.resolve("vmm:///system", env).uri()).isEqualTo("vmm:///system");
    }

    @Test
    void qemuAndUnixSchemesAreAliases() {
        assertThat(ConnectUri.resolve("qemu:///system", USER).system()).isTrue();
        assertThat(ConnectUri.resolve("qemu+unix:///session", USER).system()).isFalse();
        assertThat(ConnectUri.resolve("vmm+unix:///system", USER).system()).isTrue();
    }

    @Test
    void socketParameterNamesTheSocketAndTurnsOffAutostart() {
        ConnectUri u = ConnectUri.resolve("vmm:///session?socket=/tmp/x%20y/s.sock", USER);
        assertThat(u.socket()).isEqualTo(Path.of("/tmp/x y/s.sock"));
        assertThat(u.explicitSocket()).isTrue();
    }

    @Test
    void otherUrisAreRefusedWithTheWayOut() {
        assertThatThrownBy(() -> ConnectUri.resolve("xen:///system", USER)).isInstanceOf(ConnectException.class)
                .hasMessage("no connection driver available for xen:///system");
        assertThatThrownBy(() -> ConnectUri.resolve("qemu+ssh://host/system", USER)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("remote hosts are not supported");
        assertThatThrownBy(() -> ConnectUri.resolve("vmm:///embed", USER)).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> ConnectUri.resolve("vmm:///session?mode=x", USER))
                .hasMessageContaining("unsupported URI parameter 'mode=x'");
    }
}
