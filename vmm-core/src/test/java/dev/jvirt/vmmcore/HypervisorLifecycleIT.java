package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole life of a persistent domain on the tiny guest, under TCG. */
@ExtendWith(TinyGuestExtension.class)
class HypervisorLifecycleIT {
    private static final Duration BOOT = TestHost.BOOT;
    /** Temp dirs and every Hypervisor and QEMU of the test, cleaned up after each test. */
    @AutoClose
    private final TestHost host = new TestHost();

    @Test
    void defineStartSuspendResumeRebootShutdownUndefine(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open();
        String xml = TestDomains.tiny(guest, "life");
        DomainInfo defined = hv.define(xml);
        assertThat(defined.status().describe()).isEqualTo("shut off (unknown)");
        assertThat(defined.persistent()).isTrue();
        assertThat(Files.exists(host.dirs.qemuDefinitions().resolve("life.xml"))).isTrue();

        DomainInfo started = hv.start("life");
        assertThat(started.status().describe()).isEqualTo("running (booted)");
        assertThat(started.pid()).isPresent();
        SerialOutput.await(host.consoleLog("life"), TinyGuest.READY_MARKER, BOOT);

        // A redefinition while running changes the stored definition, not the live one.
        hv.define(xml.replace("<memory unit='MiB'>128</memory>",
                "<memory unit='MiB'>160</memory>"));
        assertThat(hv.xml("life", false)).contains("<memory unit='KiB'>131072</memory>");
        assertThat(hv.xml("life", true)).contains("<memory unit='KiB'>163840</memory>");
        assertThat(host.runtimeDir("life").resolve("live.xml")).content().contains("131072");

        assertThatThrownBy(() -> hv.start("life")).isInstanceOf(InvalidStateException.class)
                .hasMessageContaining("it is running (booted)");
        assertThatThrownBy(() -> hv.resume("life")).isInstanceOf(InvalidStateException.class);

        assertThat(hv.suspend("life").status().describe()).isEqualTo("paused (user)");
        assertThat(hv.resume("life").status().describe()).isEqualTo("running (unpaused)");

        hv.reboot("life");
        SerialOutput.await(host.consoleLog("life"), TinyGuest.READY_MARKER, 2, BOOT);
        assertThat(hv.state("life").state()).isEqualTo(DomainState.RUNNING);
        assertThat(hv.info("life").pid()).isEqualTo(started.pid());

        ShutdownResult result = hv.shutdown("life", Duration.ofSeconds(30));
        assertThat(result.shutOff()).as(result.message()).isTrue();
        assertThat(hv.state("life").describe()).isEqualTo("shut off (shutdown)");
        assertThat(host.runtimeDir("life")).doesNotExist();
        assertThat(host.qemuPids()).isEmpty();

        hv.undefine("life");
        assertThat(hv.list()).isEmpty();
        assertThat(host.dirs.qemuDefinitions().resolve("life.xml")).doesNotExist();
        // events are delivered on a thread of their own: wait for the last one (up to 30 s), not a fixed time
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (host.events.stream().noneMatch(e -> e.kind() == DomainEvent.Kind.UNDEFINED)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(host.events).extracting(e -> e.kind() + ":" + e.reason().label()).containsSubsequence(
                "DEFINED:unknown", "STARTED:booted", "SUSPENDED:user", "RESUMED:unpaused", "REBOOTED:booted",
                "STOPPED:shutdown", "UNDEFINED:shutdown");
    }
}
