package dev.jvirt.vmmcore.daemon.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.vmmcore.DomainEvent;
import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.StateReason;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** jvirt's states, reasons, events and list filters in libvirt's numbers. */
class WireMappingTest {

    @Test
    void statesAndReasons() {
        assertThat(WireDomains.state(DomainState.RUNNING)).isEqualTo(1);
        assertThat(WireDomains.state(DomainState.PAUSED)).isEqualTo(3);
        assertThat(WireDomains.state(DomainState.SHUTOFF)).isEqualTo(5);
        assertThat(WireDomains.state(DomainState.CRASHED)).isEqualTo(6);
        assertThat(WireDomains.reason(DomainStatus.of(DomainState.RUNNING, StateReason.BOOTED))).isEqualTo(1);
        assertThat(WireDomains.reason(DomainStatus.of(DomainState.RUNNING, StateReason.UNPAUSED))).isEqualTo(5);
        assertThat(WireDomains.reason(DomainStatus.of(DomainState.PAUSED, StateReason.USER))).isEqualTo(1);
        assertThat(WireDomains.reason(DomainStatus.of(DomainState.PAUSED, StateReason.STARTING_UP))).isEqualTo(11);
        assertThat(WireDomains.reason(DomainStatus.of(DomainState.SHUTOFF, StateReason.DESTROYED))).isEqualTo(2);
        assertThat(WireDomains.reason(DomainStatus.of(DomainState.SHUTOFF, StateReason.FAILED))).isEqualTo(6);
        assertThat(WireDomains.reason(DomainStatus.of(DomainState.CRASHED, StateReason.PANICKED))).isEqualTo(1);
    }

    @Test
    void eventsComeAsLibvirtsQemuDriverSendsThem() {
        assertThat(pairs(event(DomainEvent.Kind.STARTED, StateReason.BOOTED), false)).containsExactly("4/0", "2/0");
        assertThat(pairs(event(DomainEvent.Kind.STARTED, StateReason.BOOTED), true)).containsExactly("2/0");
        assertThat(pairs(event(DomainEvent.Kind.STOPPED, StateReason.SHUTDOWN), false)).containsExactly("6/1", "5/0");
        assertThat(pairs(event(DomainEvent.Kind.STOPPED, StateReason.DESTROYED), false)).containsExactly("6/2", "5/1");
        assertThat(pairs(event(DomainEvent.Kind.STOPPED, StateReason.CRASHED), false)).containsExactly("5/2");
        assertThat(pairs(event(DomainEvent.Kind.UNDEFINED, StateReason.UNKNOWN), false)).containsExactly("1/0");
        assertThat(pairs(event(DomainEvent.Kind.REBOOTED, StateReason.BOOTED), false)).isEmpty();
    }

    @Test
    void listAllDomainsFlagsFilterInPairs() {
        DomainInfo running = info(DomainState.RUNNING, true, false);
        DomainInfo off = info(DomainState.SHUTOFF, true, true);
        assertThat(DomainProcedures.matches(running, 0)).isTrue();
        assertThat(DomainProcedures.matches(running, 1)).isTrue();          // active
        assertThat(DomainProcedures.matches(off, 1)).isFalse();
        assertThat(DomainProcedures.matches(off, 1 | 2)).isTrue();          // active and inactive: no filter
        assertThat(DomainProcedures.matches(off, 1024)).isTrue();           // autostart
        assertThat(DomainProcedures.matches(running, 1024)).isFalse();
        assertThat(DomainProcedures.matches(running, 16 | 32)).isTrue();    // running or paused
        assertThat(DomainProcedures.matches(off, 16 | 32)).isFalse();
        assertThat(DomainProcedures.matches(off, 256)).isFalse();           // managed save: jvirt has none
        assertThat(DomainProcedures.matches(off, 512)).isTrue();
        assertThat(DomainProcedures.matches(running, 8)).isFalse();         // transient
    }

    @Test
    void versionsAreEncodedAsLibvirtDoes() {
        assertThat(ConnectProcedures.version("7.2.22")).isEqualTo(7_002_022L);
        assertThat(ConnectProcedures.version("8.0")).isEqualTo(8_000_000L);
        assertThat(ConnectProcedures.version("9.1.0-rc1")).isEqualTo(9_001_000L);
    }

    private static List<String> pairs(DomainEvent e, boolean pausedNow) {
        return WireDomains.lifecycle(e, pausedNow).stream().map(p -> p[0] + "/" + p[1]).toList();
    }

    private static DomainEvent event(DomainEvent.Kind kind, StateReason reason) {
        return new DomainEvent("d", kind, reason, Instant.EPOCH);
    }

    private static DomainInfo info(DomainState state, boolean persistent, boolean autostart) {
        return new DomainInfo(state == DomainState.SHUTOFF ? OptionalInt.empty() : OptionalInt.of(1), "d",
                "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "qemu", DomainStatus.of(state, StateReason.UNKNOWN), persistent,
                autostart, OptionalLong.empty(), 131072, 1, 0, null);
    }

    @Test
    void poolAndNetworkListFiltersHaveInactiveFirst() {
        // virConnectListAllStoragePoolsFlags and ...NetworksFlags: INACTIVE 1, ACTIVE 2 (domains have them the other way)
        dev.jvirt.storage.PoolInfo running = new dev.jvirt.storage.PoolInfo("p", "6a1c7e5e-2f0b-4f43-9f54-0d5f8a3c1b11", "dir",
                true, true, false, 1, 1, 1);
        assertThat(PoolProcedures.matches(running, 2)).isTrue();
        assertThat(PoolProcedures.matches(running, 1)).isFalse();
        assertThat(PoolProcedures.matches(running, 1 | 2)).isTrue();
        assertThat(PoolProcedures.matches(running, 16)).isFalse(); // AUTOSTART
        assertThat(PoolProcedures.matches(running, 32)).isTrue(); // NO_AUTOSTART
        assertThat(PoolProcedures.matches(running, 1 << 6)).isTrue(); // DIR
        assertThat(PoolProcedures.matches(running, 1 << 9)).isFalse(); // LOGICAL
        assertThat(PoolProcedures.matches(running, (1 << 9) | (1 << 6) | 2)).isTrue();
        dev.jvirt.vmmcore.NetworkInfo defined = new dev.jvirt.vmmcore.NetworkInfo("n", null, false, true, true, "br0");
        assertThat(NetworkProcedures.matches(defined, 1)).isTrue();
        assertThat(NetworkProcedures.matches(defined, 2)).isFalse();
        assertThat(NetworkProcedures.matches(defined, 4 | 16)).isTrue(); // PERSISTENT, AUTOSTART
        assertThat(NetworkProcedures.matches(defined, 8)).isFalse(); // TRANSIENT
    }
}
