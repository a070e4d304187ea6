package dev.jvirt.vmmcore.store;

import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.StateReason;
import java.util.List;

/**
 * The small status record of one active domain, {@code RUNTIME/qemu/NAME/status.json}: enough for
 * a new {@code Hypervisor} to find the guest's QEMU again and to check that a pid really is it.
 *
 * @param name      the domain
 * @param phase     {@link Phase#STARTING} until QEMU runs the guest, then {@link Phase#ACTIVE}
 * @param pid       QEMU's pid (0 while not known yet)
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

    public RuntimeRecord active(long newPid, DomainState newState, StateReason newReason) {
        return new RuntimeRecord(name, Phase.ACTIVE, newPid, emulator, argv, newState, newReason, startedAt);
    }

    public RuntimeRecord withStatus(DomainState newState, StateReason newReason) {
        return new RuntimeRecord(name, phase, pid, emulator, argv, newState, newReason, startedAt);
    }
}
