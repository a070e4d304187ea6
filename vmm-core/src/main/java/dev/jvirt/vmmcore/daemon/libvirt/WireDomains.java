package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.libvirtwire.WireDomain;
import dev.jvirt.vmmcore.DomainEvent;
import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.StateReason;
import java.util.List;
import java.util.UUID;

/** jvirt's domain values in libvirt's numbers: virDomainState, its reasons, lifecycle events and their details. */
final class WireDomains {

    private WireDomains() {
    }

    static WireDomain of(DomainInfo d) {
        return new WireDomain(d.name(), UUID.fromString(d.uuid()), d.id().orElse(-1));
    }

    /** virDomainState. */
    static int state(DomainState s) {
        return switch (s) {
            case RUNNING -> 1;
            case PAUSED -> 3;
            case SHUTOFF -> 5;
            case CRASHED -> 6;
        };
    }

    /** The virDomain*Reason of the status's state. */
    static int reason(DomainStatus st) {
        StateReason r = st.reason();
        return switch (st.state()) {
            case RUNNING -> switch (r) {
                case BOOTED -> 1;
                case RESTORED -> 3;
                case UNPAUSED -> 5;
                case FROM_SNAPSHOT -> 4;
                default -> 0;
            };
            case PAUSED -> switch (r) {
                case USER -> 1;
                case SHUTTING_DOWN -> 8;
                case FROM_SNAPSHOT -> 7;
                case STARTING_UP -> 11;
                default -> 0;
            };
            case SHUTOFF -> switch (r) {
                case SHUTDOWN -> 1;
                case DESTROYED -> 2;
                case CRASHED -> 3;
                case SAVED -> 5;
                case FAILED -> 6;
                case FROM_SNAPSHOT -> 7;
                default -> 0;
            };
            case CRASHED -> r == StateReason.PANICKED ? 1 : 0;
        };
    }

    /**
     * The lifecycle events libvirt's QEMU driver sends for {@code e}, as (virDomainEventType,
     * detail) pairs: a start resumes the CPUs QEMU was started with stopped (Resumed Unpaused,
     * then Started Booted; a paused start only Started Booted), and QEMU's SHUTDOWN comes before
     * the stop it causes (Shutdown Finished after guest/host request, then Stopped Shutdown or
     * Destroyed). {@code pausedNow}: the domain is paused as the event is sent.
     */
    static List<int[]> lifecycle(DomainEvent e, boolean pausedNow) {
        return switch (e.kind()) {
            case DEFINED -> List.of(new int[] {0, 0});
            case UNDEFINED -> List.of(new int[] {1, 0});
            case STARTED -> pausedNow ? List.of(new int[] {2, 0}) : List.of(new int[] {4, 0}, new int[] {2, 0});
            case SUSPENDED -> List.of(new int[] {3, 0});
            case RESUMED -> List.of(new int[] {4, 0});
            case STOPPED -> switch (e.reason()) {
                case SHUTDOWN -> List.of(new int[] {6, 1}, new int[] {5, 0});
                case DESTROYED -> List.of(new int[] {6, 2}, new int[] {5, 1});
                case CRASHED -> List.of(new int[] {5, 2});
                case FAILED -> List.of(new int[] {5, 5});
                default -> List.of(new int[] {5, 0});
            };
            case CRASHED -> List.of(new int[] {8, 0});
            case REBOOTED -> List.of(); // libvirt's reboot event (VIR_DOMAIN_EVENT_ID_REBOOT), not a lifecycle one
        };
    }
}
