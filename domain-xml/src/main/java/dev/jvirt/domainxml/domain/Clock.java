package dev.jvirt.domainxml.domain;

import java.util.List;

/**
 * {@code <clock offset='utc'>} with timers.
 *
 * @param offset {@code utc|localtime|timezone|variable}
 * @param timezone for offset timezone, or null
 * @param adjustment for offset variable, or null
 * @param basis for offset variable ({@code utc|localtime}), or null
 * @param timers {@code <timer>} elements in order
 */
public record Clock(String offset, String timezone, String adjustment, String basis, List<Timer> timers) {

    /** Normalises the list. */
    public Clock {
        timers = timers == null ? List.of() : List.copyOf(timers);
    }

    /**
     * {@code <timer name='rtc' tickpolicy='catchup' track='guest' present='no'/>}; tsc also takes
     * {@code frequency} (Hz) and {@code mode} ({@code auto|native|emulate|paravirt|smpsafe}), and a
     * catchup tick policy {@code <catchup threshold slew limit/>}.
     */
    public record Timer(String name, String tickpolicy, String track, Boolean present, Long frequency, String mode,
            Catchup catchup) {
        /** A timer with only name, tick policy, track and presence. */
        public Timer(String name, String tickpolicy, String track, Boolean present) {
            this(name, tickpolicy, track, present, null, null, null);
        }
    }

    /** {@code <catchup threshold='123' slew='120' limit='10000'/>}; null parts were not given. */
    public record Catchup(Long threshold, Long slew, Long limit) {}
}
