package dev.jvirt.vmmcore.store;

import dev.jvirt.vmmcore.qemu.ConsoleKind;
import java.util.List;

/**
 * What a start fixed about one run of a domain's QEMU, and never changes while it runs: the
 * part of its {@link RuntimeRecord} a running guest keeps in memory (its status is the domain
 * entry's, not this).
 *
 * @param id        libvirt's domain id of this run (ids only increase; a takeover keeps them)
 * @param pid       QEMU's pid, 0 until QEMU has daemonized
 * @param emulator  the QEMU binary
 * @param argv      QEMU's full command line, as launched (compared with /proc/PID/cmdline)
 * @param console   how the console hub reaches the guest's console
 * @param startedAt epoch milliseconds of the start
 */
public record GuestLaunch(int id, long pid, String emulator, List<String> argv, ConsoleKind console, long startedAt) {

    public GuestLaunch {
        argv = List.copyOf(argv);
    }

    /** The same run, QEMU now known as {@code newPid}. */
    public GuestLaunch withPid(long newPid) {
        return new GuestLaunch(id, newPid, emulator, argv, console, startedAt);
    }

    /** The same run under another id (a record written before ids were recorded gets one on takeover). */
    public GuestLaunch withId(int newId) {
        return new GuestLaunch(newId, pid, emulator, argv, console, startedAt);
    }
}
