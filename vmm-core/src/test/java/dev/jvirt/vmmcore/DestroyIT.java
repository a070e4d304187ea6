package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.vmmcore.qemu.ProcFs;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A guest that ignores the ACPI power button: shutdown times out with a clear result, destroy forces it off. */
@ExtendWith(TinyGuestExtension.class)
class DestroyIT {
    /** Temp dirs and every Hypervisor and QEMU of the test, cleaned up after each test. */
    @AutoClose
    private final TestHost host = new TestHost();

    @Test
    void destroyForcesOffAGuestThatIgnoresAcpi(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open();
        // acpi=off: the kernel does not use ACPI, so the power button (system_powerdown) reaches nobody.
        hv.define(TestDomains.tiny(guest, "stubborn", "qemu", TestDomains.CMDLINE + " acpi=off",
                guest.newDisk("stubborn")));
        long pid = hv.start("stubborn").pid().orElseThrow();
        SerialOutput.await(host.consoleLog("stubborn"), TinyGuest.READY_MARKER, TestHost.BOOT);

        ShutdownResult result = hv.shutdown("stubborn", Duration.ofSeconds(5));
        assertThat(result.shutOff()).isFalse();
        assertThat(result.message()).contains("did not power off within 5 s").contains("destroy");
        assertThat(hv.state("stubborn").describe()).isEqualTo("running (booted)");

        long t0 = System.nanoTime();
        DomainInfo after = hv.destroy("stubborn");
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(after.status().describe()).isEqualTo("shut off (destroyed)");
        assertThat(ms).as("destroy took %d ms", ms).isLessThan(5000);
        assertThat(ProcFs.system().isAlive(pid)).isFalse();
        assertThat(host.runtimeDir("stubborn")).doesNotExist();
        assertThat(host.qemuPids()).isEmpty();
        assertThat(hv.info("stubborn").persistent()).isTrue();
        Thread.sleep(200);
        assertThat(host.events).extracting(e -> e.kind() + ":" + e.reason().label()).endsWith("STOPPED:destroyed");
    }

    /**
     * {@code destroy --graceful} is SIGTERM only: QEMU stopped (SIGSTOP) cannot act on it, so the
     * destroy fails after the grace period with a clear error, no SIGKILL is sent, and the guest
     * is left running; a plain destroy then forces it off.
     */
    @Test
    void gracefulDestroyNeverEscalatesToSigkill(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open(HypervisorConfig.of(host.dirs).withDestroyGrace(Duration.ofSeconds(2)));
        hv.define(TestDomains.tiny(guest, "frozen"));
        long pid = hv.start("frozen").pid().orElseThrow();
        // Booted: jvirt has handled the start's QMP events (a QMP call to a stopped QEMU would hang).
        SerialOutput.await(host.consoleLog("frozen"), TinyGuest.READY_MARKER, TestHost.BOOT);
        signal("STOP", pid);

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> hv.destroy("frozen", true))
                .isInstanceOf(DestroyTimeoutException.class)
                .hasMessage("cannot destroy domain 'frozen' gracefully: QEMU pid " + pid + " did not exit within 2 s of "
                        + "SIGTERM; it still runs (destroy without --graceful forces it off with SIGKILL)");
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(1900L, 10_000L);
        assertThat(ProcFs.system().isAlive(pid)).isTrue();
        assertThat(hv.info("frozen").status().describe()).isEqualTo("running (booted)");
        assertThat(hv.info("frozen").pid()).hasValue(pid);
        assertThat(host.runtimeDir("frozen")).exists();

        assertThat(hv.destroy("frozen").status().describe()).isEqualTo("shut off (destroyed)");
        assertThat(ProcFs.system().isAlive(pid)).isFalse();
        assertThat(host.qemuPids()).isEmpty();
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}
