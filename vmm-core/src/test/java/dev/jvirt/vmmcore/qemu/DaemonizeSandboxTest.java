package dev.jvirt.vmmcore.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonizeSandboxTest {

    @Test
    void dropsOnlyWhatBreaksDaemonizing() {
        List<String> argv = List.of("qemu", "-daemonize", "-sandbox",
                "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny");
        assertThat(DaemonizeSandbox.adjust(argv)).containsExactly("qemu", "-daemonize", "-sandbox",
                "on,obsolete=deny,resourcecontrol=deny");
    }

    @Test
    void leavesAForegroundCommandLineAlone() {
        List<String> argv = List.of("qemu", "-sandbox", "on,spawn=deny");
        assertThat(DaemonizeSandbox.adjust(argv)).isEqualTo(argv);
    }
}
