package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.vmmcore.qemu.ProcFs;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A guest that ignores the ACPI power button: shutdown times out with a clear result, destroy forces it off. */
@ExtendWith(TinyGuestExtension.class)
class DestroyIT {
    private TestHost host;

    @BeforeEach
    void setUp() throws Exception {
        host = new TestHost();
    }

    @AfterEach
    void tearDown() throws Exception {
        host.close();
    }

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
}
