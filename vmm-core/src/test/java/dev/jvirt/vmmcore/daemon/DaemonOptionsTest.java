package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonOptionsTest {
    private static final Map<String, String> ENV = Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "XDG_DATA_HOME", "/h/data");

    @Test
    void sessionForUsersSystemForRoot() {
        DaemonOptions user = DaemonOptions.parse(new String[0], 1000, ENV, "/h");
        assertThat(user.mode()).isEqualTo(DaemonOptions.Mode.SESSION);
        assertThat(user.socket()).isEqualTo(Path.of("/run/user/1000/jvirt/jvirtd.sock"));
        assertThat(user.dirs().state()).isEqualTo(Path.of("/h/data/jvirt"));
        DaemonOptions root = DaemonOptions.parse(new String[0], 0, ENV, "/root");
        assertThat(root.mode()).isEqualTo(DaemonOptions.Mode.SYSTEM);
        assertThat(root.socket()).isEqualTo(Path.of("/run/jvirt/jvirtd.sock"));
        assertThat(root.logDir()).isEqualTo(Path.of("/var/lib/jvirt/log"));
    }

    @Test
    void directoriesCanBeOverridden() {
        DaemonOptions o = DaemonOptions.parse(new String[] {"--session", "--state-dir", "/t/s", "--runtime-dir=/t/r", "-v"},
                0, ENV, "/root");
        assertThat(o.mode()).isEqualTo(DaemonOptions.Mode.SESSION);
        assertThat(o.dirs().state()).isEqualTo(Path.of("/t/s"));
        assertThat(o.lockFile()).isEqualTo(Path.of("/t/r/jvirtd.lock"));
        assertThat(o.verbose()).isTrue();
    }

    @Test
    void helpComesFromTheSameModel() {
        java.io.StringWriter help = new java.io.StringWriter();
        JvirtdMain.commandLine().usage(new java.io.PrintWriter(help));
        assertThat(help.toString()).contains("--state-dir=DIR", "--idle-timeout=SECONDS", "--system", "--verbose");
        DaemonOptions o = DaemonOptions.parse(new String[] {"--idle-timeout=2.5"}, 0, ENV, "/h");
        assertThat(o.http().idleTimeout()).isEqualTo(java.time.Duration.ofMillis(2500));
    }

    @Test
    void helpAndVersionWinAnywhereOnTheLineAndStartNothing() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        assertThat(JvirtdMain.run(new java.io.PrintStream(out), new java.io.PrintStream(err), "--session", "--help"))
                .isZero();
        assertThat(out.toString()).startsWith("Usage: jvirtd");
        out.reset();
        assertThat(JvirtdMain.run(new java.io.PrintStream(out), new java.io.PrintStream(err), "-V")).isZero();
        assertThat(out.toString()).isNotBlank();
        assertThat(JvirtdMain.run(new java.io.PrintStream(out), new java.io.PrintStream(err), "--fast")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--fast'", "jvirtd --help");
    }

    @Test
    void mistakesAreExplained() {
        assertThatThrownBy(() -> DaemonOptions.parse(new String[] {"--system"}, 1000, ENV, "/h"))
                .hasMessageContaining("--system needs root");
        assertThatThrownBy(() -> DaemonOptions.parse(new String[] {"--state-dir"}, 0, ENV, "/h"))
                .hasMessageContaining("--state-dir");
        assertThatThrownBy(() -> DaemonOptions.parse(new String[] {"--fast"}, 0, ENV, "/h"))
                .hasMessageContaining("Unknown option: '--fast'");
        assertThatThrownBy(() -> DaemonOptions.parse(new String[] {"--system", "--session"}, 0, ENV, "/h"))
                .hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> DaemonOptions.parse(new String[] {"--idle-timeout", "0"}, 0, ENV, "/h"))
                .hasMessageContaining("--idle-timeout needs a positive number");
    }
}
