package dev.jvirt.vmmcore.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.StateReason;
import dev.jvirt.vmmcore.qemu.ConsoleKind;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import dev.jvirt.vmmcore.qemu.ProcFs;
import dev.jvirt.vmmcore.qemu.QemuProcess;
import dev.jvirt.vmmcore.store.GuestLaunch;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A domain's state, reason, pid and CPU time are read as one snapshot: never half of a change. */
class DomainEntryTest {
    private static final Domain DEF = new DomainDefinitions().reload("""
            <domain type='qemu'>
              <name>vm1</name>
              <memory unit='MiB'>64</memory>
              <vcpu>2</vcpu>
              <os><type arch='x86_64' machine='pc'>hvm</type><kernel>/boot/none</kernel></os>
            </domain>
            """, null);
    private static final DomainStatus RUNNING = DomainStatus.of(DomainState.RUNNING, StateReason.BOOTED);
    private static final DomainStatus DESTROYED = DomainStatus.of(DomainState.SHUTOFF, StateReason.DESTROYED);

    private static RunningGuest guest(long pid) {
        GuestLaunch launch = new GuestLaunch(1, pid, "qemu", List.of("qemu"), ConsoleKind.NONE, 0);
        return new RunningGuest(DEF, new GuestPaths(Path.of("/nonexistent/vm1")), new QemuProcess(pid, ProcFs.system()),
                null, launch, List.of());
    }

    @Test
    void aSnapshotCannotBeShutOffWithAQemuNorActiveWithout() {
        assertThatThrownBy(() -> new DomainEntry.Snapshot(DEF, false, DESTROYED, guest(42)))
                .isInstanceOf(IllegalStateException.class).hasMessage("a domain shut off (destroyed) with a QEMU process");
        assertThatThrownBy(() -> new DomainEntry.Snapshot(DEF, false, RUNNING, null))
                .isInstanceOf(IllegalStateException.class).hasMessage("a domain running (booted) without a QEMU process");
        DomainEntry e = new DomainEntry("vm1");
        e.persistent(DEF);
        assertThatThrownBy(() -> e.status(RUNNING)).isInstanceOf(IllegalStateException.class);
        assertThat(e.status()).isEqualTo(DomainStatus.SHUTOFF); // the refused change changed nothing
    }

    @Test
    void infoIsOneMomentsViewWithTheCpuTimeOfItsOwnPid() {
        DomainEntry e = new DomainEntry("vm1");
        e.persistent(DEF);
        e.activate(guest(4242), RUNNING);
        DomainInfo running = e.snapshot().info("vm1", pid -> pid * 10);
        assertThat(running.status()).isEqualTo(RUNNING);
        assertThat(running.pid()).hasValue(4242);
        assertThat(running.cpuTimeNanos()).isEqualTo(42420);
        assertThat(running.memoryKiB()).isEqualTo(64 * 1024);
        assertThat(running.vcpus()).isEqualTo(2);

        e.deactivate(DESTROYED);
        DomainInfo off = e.snapshot().info("vm1", pid -> pid * 10);
        assertThat(off.status()).isEqualTo(DESTROYED);
        assertThat(off.pid()).isEmpty();
        assertThat(off.cpuTimeNanos()).isZero();
    }

    @Test
    void readersNeverSeeHalfOfAStartOrAStop() throws Exception {
        DomainEntry e = new DomainEntry("vm1");
        e.persistent(DEF);
        AtomicBoolean done = new AtomicBoolean();
        Queue<String> problems = new ConcurrentLinkedQueue<>();
        Thread[] readers = new Thread[3];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = new Thread(() -> {
                while (!done.get()) {
                    DomainInfo info = e.snapshot().info("vm1", pid -> pid);
                    if (info.status().isActive() != info.pid().isPresent()
                            || info.cpuTimeNanos() != info.pid().orElse(0)) {
                        problems.add(info.toString());
                    }
                }
            });
            readers[i].start();
        }
        for (int i = 1; i <= 200_000; i++) {
            e.activate(guest(i), RUNNING);
            e.status(DomainStatus.of(DomainState.PAUSED, StateReason.USER));
            e.autostart(i % 2 == 0);
            e.deactivate(DESTROYED);
        }
        done.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertThat(problems).isEmpty();
    }
}
