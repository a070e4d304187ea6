package dev.jvirt.vmmcore.lifecycle;

/**
 * The steps of a start after the host is prepared, in order. The runtime record says how far a
 * start got, so that a daemon killed in the middle finds (and stops) the QEMU it left:
 *
 * <pre>
 *   status.json: STARTING, pid 0 ── LAUNCHED ──▶ QEMU daemonized; its pidfile names it
 *                STARTING, pid N ── PID_RECORDED ──▶ MONITOR_READY (QMP set up; CPUs never ran)
 *                ACTIVE,   pid N ── COMMITTED (after cont, or without it for a paused start)
 * </pre>
 *
 * A record still STARTING on takeover means the start never finished: its QEMU (named by the
 * record, or by the pidfile when the daemon died before recording it) is killed and the domain
 * is shut off (failed). Only a COMMITTED start is ever answered as a success.
 */
public enum StartPhase {
    /** QEMU has daemonized; the record does not name its pid yet (its pidfile does). */
    LAUNCHED,
    /** The record names QEMU's pid (phase still STARTING). */
    PID_RECORDED,
    /** QMP connected, shutdown actions taken over, events watched; the guest's CPUs never ran. */
    MONITOR_READY,
    /** The record says ACTIVE: the start is done (and the guest runs, unless started paused). */
    COMMITTED;

    /** Told of each phase a start reaches (tests use it to stop a daemon at an exact point). */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = (domain, phase) -> { };

        void reached(String domain, StartPhase phase);
    }
}
