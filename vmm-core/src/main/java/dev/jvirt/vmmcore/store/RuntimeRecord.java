package dev.jvirt.vmmcore.store;

import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.StateReason;
import dev.jvirt.vmmcore.qemu.ConsoleKind;
import java.util.List;

/**
 * The small status record of one active domain, {@code RUNTIME/qemu/NAME/status.json}: enough for
 * a new {@code Hypervisor} to find the guest's QEMU again, to check that a pid really is it, and
 * to keep its id and console. Written from the guest's {@link GuestLaunch} and the domain's
 * status whenever the status changes; read only on takeover.
 *
 * @param name      the domain
 * @param phase     {@link Phase#STARTING} until the start is done, then {@link Phase#ACTIVE}
 * @param id        the domain id of this run (0 in a record written before ids were recorded)
 * @param pid       QEMU's pid, recorded right after QEMU daemonized (0 before: its pidfile may name it)
 * @param emulator  the QEMU binary
 * @param argv      QEMU's full command line, as launched (compared with /proc/PID/cmdline)
 * @param console   how the console hub reaches the guest (null in a record written before it was recorded)
 * @param state     the last state jvirt saw
 * @param reason    its reason
 * @param startedAt epoch milliseconds of the start
 */
public record RuntimeRecord(
        String name,
        Phase phase,
        int id,
        long pid,
        String emulator,
        List<String> argv,
        ConsoleKind console,
        DomainState state,
        StateReason reason,
        long startedAt) {

    public RuntimeRecord {
        argv = List.copyOf(argv);
    }

    public enum Phase { STARTING, ACTIVE }

    /** The record of domain {@code name}'s run {@code launch}, in {@code phase} and {@code status}. */
    public static RuntimeRecord of(String name, Phase phase, GuestLaunch launch, DomainStatus status) {
        return new RuntimeRecord(name, phase, launch.id(), launch.pid(), launch.emulator(), launch.argv(),
                launch.console(), status.state(), status.reason(), launch.startedAt());
    }

    /** What the start fixed; a record without a console kind (an older jvirtd's) is read as {@link ConsoleKind#legacy}. */
    public GuestLaunch launch() {
        return new GuestLaunch(id, pid, emulator, argv, console == null ? ConsoleKind.legacy(argv) : console, startedAt);
    }

    public DomainStatus status() {
        return DomainStatus.of(state, reason);
    }
}
