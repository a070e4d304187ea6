package dev.jvirt.vmmcore.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.vmmcore.HostCapabilities;
import dev.jvirt.vmmcore.StartFailedException;
import dev.jvirt.vmmcore.host.HostBackends;
import dev.jvirt.vmmcore.host.NetworkBackend;
import dev.jvirt.vmmcore.host.Prepared;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import dev.jvirt.vmmcore.qemu.argv.NetBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The host phase with network backends: which NICs get a TAP, in what order, and how a failure unwinds. */
class HostPreparationTest {
    private static final Domain DEF = new DomainDefinitions().reload("""
            <domain type='qemu'>
              <name>nets</name>
              <memory unit='MiB'>64</memory>
              <os><type arch='x86_64' machine='pc'>hvm</type><kernel>/boot/none</kernel></os>
              <devices>
                <interface type='user'/>
                <interface type='bridge'><source bridge='br0'/></interface>
                <interface type='network'><source network='default'/></interface>
              </devices>
            </domain>
            """, null);
    private static final StartPlan PLAN = new StartPlan(DEF,
            new HostCapabilities("/usr/bin/qemu-system-x86_64", "7.2.0", Set.of(), Map.of(), Set.of(),
                    HostCapabilities.KvmSupport.no("test")), new GuestPaths(Path.of("/nonexistent/nets")));
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private NetworkBackend taps(String prefix) {
        return (domain, nicId, nic) -> {
            calls.add("tap " + nicId + " " + nic.type());
            return Prepared.of(new NetworkBackend.Tap(prefix + nicId), () -> calls.add("release " + nicId));
        };
    }

    @Test
    void eachServedInterfaceGetsItsTapAndTheOthersAreLeftAlone() {
        HostPreparation host = new HostPreparation(HostBackends.none().withNetwork("bridge", taps("br-"))
                .withNetwork("network", taps("vn-")));
        HostSetup setup = new HostSetup();

        HostPreparation.Host prepared = host.prepare(PLAN, setup);

        assertThat(prepared.options().netBackends()).containsOnly(
                Map.entry("net1", new NetBackend.TapName("br-net1")), Map.entry("net2", new NetBackend.TapName("vn-net2")));
        assertThat(prepared.resolved()).isEqualTo(DEF);
        assertThat(calls).containsExactly("tap net1 bridge", "tap net2 network");
        setup.rollback();
        assertThat(calls).endsWith("release net2", "release net1"); // newest first
    }

    @Test
    void aBackendThatFailsUndoesTheTapsBeforeIt() {
        NetworkBackend failing = (domain, nicId, nic) -> {
            throw new java.io.IOException("network 'default' is not active");
        };
        HostPreparation host = new HostPreparation(HostBackends.none().withNetwork("bridge", taps("br-"))
                .withNetwork("network", failing));
        HostSetup setup = new HostSetup();

        assertThatThrownBy(() -> host.prepare(PLAN, setup)).isInstanceOf(StartFailedException.class)
                .hasMessageContaining("cannot prepare interface net2 (type network, source default): network 'default' is not active");
        setup.rollback();
        assertThat(calls).containsExactly("tap net1 bridge", "release net1");
    }

    @Test
    void withoutBackendsNothingIsPrepared() {
        HostPreparation.Host prepared = new HostPreparation(HostBackends.none()).prepare(PLAN, new HostSetup());
        assertThat(prepared.options().netBackends()).isEmpty();
        assertThat(prepared.releases()).isEmpty();
    }
}
