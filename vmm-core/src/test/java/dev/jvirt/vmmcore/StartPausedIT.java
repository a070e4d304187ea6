package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.vmmcore.qemu.ProcFs;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code start --paused}: QEMU is set up with its CPUs stopped (-S) and never resumed, so the
 * guest runs no instruction until {@code resume}; and {@code destroy --graceful} of it.
 */
@ExtendWith(TinyGuestExtension.class)
class StartPausedIT {
    /** Temp dirs and every Hypervisor and QEMU of the test, cleaned up after each test. */
    @AutoClose
    private final TestHost host = new TestHost();

    @Test
    void aGuestStartedPausedRunsNothingUntilResumed(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open();
        hv.define(TestDomains.tiny(guest, "frozen"));

        DomainInfo started = hv.start("frozen", true);

        assertThat(started.status().describe()).isEqualTo("paused (user)"); // as libvirt reports start --paused
        assertThat(started.pid()).isPresent();
        // QEMU never left its pre-launch state: not one guest instruction ran (start + suspend says "paused").
        assertThat(status(hv, "frozen")).isEqualTo("prelaunch");
        Thread.sleep(3000);
        assertThat(TestHost.read(host.consoleLog("frozen"))).isEmpty();
        assertThat(status(hv, "frozen")).isEqualTo("prelaunch");
        assertThat(host.events).extracting(e -> e.kind() + ":" + e.reason().label())
                .containsSubsequence("STARTED:booted", "SUSPENDED:user").doesNotContain("RESUMED:unpaused");

        assertThat(hv.resume("frozen").status().describe()).isEqualTo("running (unpaused)");
        SerialOutput.await(host.consoleLog("frozen"), TinyGuest.READY_MARKER, TestHost.BOOT);

        DomainInfo destroyed = hv.destroy("frozen", true); // SIGTERM only: QEMU exits by itself
        assertThat(destroyed.status().describe()).isEqualTo("shut off (destroyed)");
        assertThat(destroyed.pid()).isEmpty();
        assertThat(ProcFs.system().isAlive(started.pid().getAsLong())).isFalse();
        assertThat(host.runtimeDir("frozen")).doesNotExist();
        assertThat(host.qemuPids()).isEmpty();
    }

    /** QEMU's run state, by the monitor passthrough (its answer is JSON text). */
    private static String status(Hypervisor hv, String domain) throws Exception {
        return new ObjectMapper().readTree(hv.monitoring().qemuMonitorCommand(domain, "{\"execute\":\"query-status\"}"))
                .path("status").asText();
    }
}
