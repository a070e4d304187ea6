package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code on_poweroff} from QMP events, transient domains, and one operation at a time per domain. */
@ExtendWith(TinyGuestExtension.class)
class PoliciesAndConcurrencyIT {
    /** Temp dirs and every Hypervisor and QEMU of the test, cleaned up after each test. */
    @AutoClose
    private final TestHost host = new TestHost();

    @Test
    void onPoweroffRestartBootsTheGuestAgainInsteadOfStopping(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open();
        String xml = TestDomains.tiny(guest, "phoenix")
                .replace("</features>", "</features>\n  <on_poweroff>restart</on_poweroff>");
        hv.define(xml);
        long pid = hv.start("phoenix").pid().orElseThrow();
        SerialOutput.await(host.consoleLog("phoenix"), TinyGuest.READY_MARKER, TestHost.BOOT);

        ShutdownResult sent = hv.shutdown("phoenix", Duration.ZERO);
        assertThat(sent.shutOff()).isFalse();
        SerialOutput.await(host.consoleLog("phoenix"), TinyGuest.READY_MARKER, 2, TestHost.BOOT);

        assertThat(hv.state("phoenix").describe()).isEqualTo("running (booted)");
        assertThat(hv.info("phoenix").pid()).hasValue(pid);
        assertThat(host.events).extracting(e -> e.kind() + ":" + e.reason().label())
                .contains("REBOOTED:booted").doesNotContain("STOPPED:shutdown");
        hv.destroy("phoenix");
    }

    @Test
    void aTransientDomainIsGoneOnceItStops(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open();
        DomainInfo info = hv.createTransient(TestDomains.tiny(guest, "fleeting"));
        assertThat(info.persistent()).isFalse();
        assertThat(info.status().describe()).isEqualTo("running (booted)");
        assertThat(host.dirs.qemuDefinitions().resolve("fleeting.xml")).doesNotExist();

        hv.destroy("fleeting");

        assertThat(hv.list()).isEmpty();
        assertThat(host.runtimeDir("fleeting")).doesNotExist();
    }

    @Test
    void aSecondOperationDuringAStartIsToldTheDomainIsBusy(TinyGuest guest) throws Exception {
        // The start holds the domain while it builds the command line: hold it there until checked.
        CountDownLatch inStart = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HypervisorConfig defaults = HypervisorConfig.of(host.dirs);
        Hypervisor hv = host.open(defaults.withBusyWait(Duration.ofMillis(100)).withCommandLine((def, caps, paths, options) -> {
            inStart.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return defaults.commandLine().plan(def, caps, paths, options);
        }));
        hv.define(TestDomains.tiny(guest, "busy"));

        CompletableFuture<DomainInfo> start = CompletableFuture.supplyAsync(() -> hv.start("busy"));
        assertThat(inStart.await(60, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(() -> hv.destroy("busy"))
                    .isInstanceOfSatisfying(DomainBusyException.class,
                            e -> assertThat(e.operationInProgress()).isEqualTo("start"))
                    .hasMessage("domain 'busy' is busy: start is in progress; destroy was not attempted, "
                            + "retry when it has finished");
        } finally {
            release.countDown();
        }
        assertThat(start.get(60, TimeUnit.SECONDS).state()).isEqualTo(DomainState.RUNNING);
        hv.destroy("busy");
        assertThat(hv.state("busy").describe()).isEqualTo("shut off (destroyed)");
    }
}
