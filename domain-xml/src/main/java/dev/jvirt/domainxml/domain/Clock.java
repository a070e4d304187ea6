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

  /** {@code <timer name='rtc' tickpolicy='catchup' track='guest' present='no'/>}. */
  public record Timer(String name, String tickpolicy, String track, Boolean present) {}
}
