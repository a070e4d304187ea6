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
