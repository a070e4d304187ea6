package dev.jvirt.vmmcore.store;

import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.StateReason;
import java.util.List;

/**
 * The small status record of one active domain, {@code RUNTIME/qemu/NAME/status.json}: enough for
 * a new {@code Hypervisor} to find the guest's QEMU again and to check that a pid really is it.
 *
 * @param name      the domain
 * @param phase     {@link Phase#STARTING} until the start is done, then {@link Phase#ACTIVE}
 * @param pid       QEMU's pid, recorded right after QEMU daemonized (0 before: its pidfile may name it)
 * @param emulator  the QEMU binary
 * @param argv      QEMU's full command line, as launched (compared with /proc/PID/cmdline)
 * @param state     the last state jvirt saw
 * @param reason    its reason
 * @param startedAt epoch milliseconds of the start
 */
public record RuntimeRecord(
        String name,
        Phase phase,
        long pid,
        String emulator,
        List<String> argv,
        DomainState state,
        StateReason reason,
        long startedAt) {

    public RuntimeRecord {
        argv = List.copyOf(argv);
    }

    public enum Phase { STARTING, ACTIVE }

    /** QEMU runs as {@code newPid}, paused (-S), set up by a start that is not done yet. */
    public RuntimeRecord launched(long newPid) {
        return new RuntimeRecord(name, Phase.STARTING, newPid, emulator, argv, DomainState.PAUSED,
                StateReason.STARTING_UP, startedAt);
    }

    /** The start is done: the guest is in {@code newState}. */
    public RuntimeRecord active(DomainState newState, StateReason newReason) {
        return new RuntimeRecord(name, Phase.ACTIVE, pid, emulator, argv, newState, newReason, startedAt);
    }

    public RuntimeRecord withStatus(DomainState newState, StateReason newReason) {
        return new RuntimeRecord(name, phase, pid, emulator, argv, newState, newReason, startedAt);
    }
}
