package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** QEMU dying under jvirt, and a new Hypervisor finding guests a previous one left. */
@ExtendWith(TinyGuestExtension.class)
class CrashAndTakeoverIT {
    /** Temp dirs and every Hypervisor and QEMU of the test, cleaned up after each test. */
    @AutoClose
    private final TestHost host = new TestHost();

    @Test
    void killMinus9GivesShutOffCrashedAndAnEvent(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open();
        hv.define(TestDomains.tiny(guest, "victim"));
        long pid = hv.start("victim").pid().orElseThrow();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL

        awaitState(hv, "victim", DomainState.SHUTOFF, Duration.ofSeconds(10));
        assertThat(hv.state("victim").describe()).isEqualTo("shut off (crashed)");
        assertThat(host.runtimeDir("victim")).doesNotExist();
        awaitEvent("STOPPED:crashed", Duration.ofSeconds(2));
    }

    @Test
    void aSecondHypervisorTakesOverARunningGuest(TinyGuest guest) throws Exception {
        Hypervisor first = host.open();
        first.define(TestDomains.tiny(guest, "kept"));
        long pid = first.start("kept").pid().orElseThrow();
        SerialOutput.await(host.consoleLog("kept"), TinyGuest.READY_MARKER, TestHost.BOOT);
        first.suspend("kept");
        first.close();

        Hypervisor second = host.open();
        DomainInfo info = second.info("kept");
        assertThat(info.status().describe()).isEqualTo("paused (user)");
        assertThat(info.pid()).hasValue(pid);
        assertThat(second.resume("kept").status().describe()).isEqualTo("running (unpaused)");

        // It controls the guest for real: the ACPI power button over the new QMP connection.
        ShutdownResult result = second.shutdown("kept", Duration.ofSeconds(30));
        assertThat(result.shutOff()).as(result.message()).isTrue();
        assertThat(host.qemuPids()).isEmpty();
    }

    @Test
    void aGuestThatDiedMeanwhileIsReportedCrashedAndAForeignPidIsLeftAlone(TinyGuest guest) throws Exception {
        Hypervisor first = host.open();
        first.define(TestDomains.tiny(guest, "gone"));
        long pid = first.start("gone").pid().orElseThrow();
        first.close();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        // The pid is reused by something else: it must not be mistaken for the guest, nor killed.
        Process stranger = new ProcessBuilder("sleep", "60").start();
        try {
            Path status = host.runtimeDir("gone").resolve("status.json");
            ObjectMapper json = new ObjectMapper();
            ObjectNode record = (ObjectNode) json.readTree(status.toFile());
            record.put("pid", stranger.pid());
            json.writeValue(status.toFile(), record);

            Hypervisor second = host.open();

            assertThat(second.state("gone").describe()).isEqualTo("shut off (crashed)");
            assertThat(host.runtimeDir("gone")).doesNotExist();
            assertThat(stranger.isAlive()).isTrue();
        } finally {
            stranger.destroyForcibly();
            stranger.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void idsOnlyIncreaseAndATakeoverKeepsThemAndContinuesAfterTheLargest(TinyGuest guest) throws Exception {
        Hypervisor first = host.open();
        for (String name : new String[] {"a", "b", "c"}) {
            first.define(TestDomains.tiny(guest, name));
        }
        assertThat(first.start("a").id()).hasValue(1);
        assertThat(first.start("b").id()).hasValue(2);
        assertThat(first.destroy("a").id()).isEmpty();
        assertThat(first.start("a").id()).hasValue(3); // a new run, a new id: never one given before
        assertThat(first.resolve("3")).isEqualTo("a");
        assertThat(first.resolve(first.info("b").uuid().toUpperCase(java.util.Locale.ROOT).replace("-", "")))
                .isEqualTo("b");
        first.close();
        // A record written by a jvirtd that kept ids in memory only: no id, no console kind.
        Path status = host.runtimeDir("b").resolve("status.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode record = (ObjectNode) json.readTree(status.toFile());
        record.remove("id");
        record.remove("console");
        json.writeValue(status.toFile(), record);

        Hypervisor second = host.open();

        assertThat(second.info("a").id()).hasValue(3);
        assertThat(second.info("b").id()).hasValue(4); // given on takeover, after the largest recorded
        assertThat(second.console("b")).as("the console kind read from an old record's argv").isPresent();
        assertThat(second.start("c").id()).hasValue(5);
        assertThat(second.info("4").name()).isEqualTo("b");
    }

    private static void awaitState(Hypervisor hv, String name, DomainState state, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (hv.state(name).state() != state && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private void awaitEvent(String event, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (host.events.stream().anyMatch(e -> (e.kind() + ":" + e.reason().label()).equals(event))) {
                return;
            }
            Thread.sleep(20);
        }
        assertThat(host.events).extracting(e -> e.kind() + ":" + e.reason().label()).contains(event);
    }
}
