package dev.jvirt.vmmcore.lifecycle;

import static dev.jvirt.vmmcore.DomainState.CRASHED;
import static dev.jvirt.vmmcore.DomainState.PAUSED;
import static dev.jvirt.vmmcore.DomainState.RUNNING;
import static dev.jvirt.vmmcore.DomainState.SHUTOFF;

import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.InvalidStateException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle state machine: every operation names the states it accepts. A call in any other
 * state fails with {@link InvalidStateException} before anything is touched.
 *
 * <pre>
 *   shut off --start--> running --suspend--> paused --resume--> running
 *   running|paused|crashed --destroy--> shut off (destroyed)
 *   running --shutdown / guest poweroff--> shut off (shutdown)
 *   running|paused --QEMU dies--> shut off (crashed)
 *   running --guest panic, on_crash=preserve--> crashed (panicked)
 * </pre>
 *
 * <p>The console and the monitor passthrough are operations too (running or paused), so every
 * "needs it running" rule is in this table and nowhere else.
 */
public enum Operation {
    DEFINE("define", EnumSet.allOf(DomainState.class)),
    UNDEFINE("undefine", EnumSet.allOf(DomainState.class)),
    AUTOSTART("set autostart of", EnumSet.allOf(DomainState.class)),
    START("start", EnumSet.of(SHUTOFF)),
    SHUTDOWN("shut down", EnumSet.of(RUNNING)),
    REBOOT("reboot", EnumSet.of(RUNNING)),
    RESET("reset", EnumSet.of(RUNNING, PAUSED, CRASHED)),
    SUSPEND("suspend", EnumSet.of(RUNNING)),
    RESUME("resume", EnumSet.of(PAUSED)),
    DESTROY("destroy", EnumSet.of(RUNNING, PAUSED, CRASHED)),
    /** Attaching to the serial console (takes no lock: the console hub has its own). */
    CONSOLE("open the console of", EnumSet.of(RUNNING, PAUSED)),
    /** Monitor passthrough: a QMP or HMP command on jvirt's own QMP connection (no lock). */
    MONITOR("run a monitor command on", EnumSet.of(RUNNING, PAUSED)),
    /** Reading the guest's statistics and block sizes over QMP and /proc (no lock). */
    STATS("get the block information of", EnumSet.of(RUNNING, PAUSED)),
    /** Live tuning of the running guest: the balloon, an NMI (setmem --live, inject-nmi). */
    TUNE("change the live settings of", EnumSet.of(RUNNING, PAUSED)),
    /** Reading what only a running guest has: its vCPU threads, its display, a screenshot (no lock). */
    QUERY_GUEST("query the running guest of", EnumSet.of(RUNNING, PAUSED)),
    /** A command of the guest agent: guest-exec, nested-status (no lock: the agent's session has its own). */
    AGENT("run a guest agent command in", EnumSet.of(RUNNING)),
    /** Streaming the guest's QMP events (no lock). */
    WATCH_MONITOR("watch the monitor events of", EnumSet.of(RUNNING, PAUSED)),
    /** Hot-plugging a device into the running guest (attach-device, attach-disk, attach-interface). */
    ATTACH_DEVICE("attach a device to", EnumSet.of(RUNNING, PAUSED)),
    /** Unplugging a device from the running guest (detach-device, detach-disk). */
    DETACH_DEVICE("detach a device from", EnumSet.of(RUNNING, PAUSED)),
    /** Saving the guest's state to a file and stopping it (save, managedsave). */
    SAVE("save", EnumSet.of(RUNNING, PAUSED)),
    /** Starting the domain from a save image (restore, start of a managed save). */
    RESTORE("restore", EnumSet.of(SHUTOFF)),
    /** Taking a snapshot (internal with memory while active; disk-only of the disks while shut off). */
    SNAPSHOT("snapshot", EnumSet.of(RUNNING, PAUSED, SHUTOFF)),
    /** Reverting to, or deleting, a snapshot. */
    SNAPSHOT_REVERT("revert to a snapshot", EnumSet.of(RUNNING, PAUSED, SHUTOFF)),
    SNAPSHOT_DELETE("delete a snapshot of", EnumSet.of(RUNNING, PAUSED, SHUTOFF)),
    /** Placing an emulated TPM's state (an import's): only while the domain is shut off. */
    TPM_STATE("replace the TPM state of", EnumSet.of(SHUTOFF)),
    /** Internal: reacting to what QEMU reported (guest poweroff, panic, exit). */
    GUEST_EVENT("handling a guest event", EnumSet.allOf(DomainState.class));

    private final String verb;
    private final Set<DomainState> accepted;

    Operation(String verb, Set<DomainState> accepted) {
        this.verb = verb;
        this.accepted = Set.copyOf(accepted);
    }

    /** How messages name it: {@code start}, {@code shut down}. */
    public String verb() {
        return verb;
    }

    public Set<DomainState> accepted() {
        return accepted;
    }

    public boolean accepts(DomainState state) {
        return accepted.contains(state);
    }

    /** Throws {@link InvalidStateException} unless {@code status} is one this operation accepts. */
    public void check(String domain, DomainStatus status) {
        if (!accepts(status.state())) {
            throw new InvalidStateException(domain, verb, status, accepted);
        }
    }
}
