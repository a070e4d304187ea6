package dev.jvirt.vmmcore.daemon.libvirt;

import dev.jvirt.libvirtwire.WireDomain;
import dev.jvirt.vmmcore.DomainEvent;
import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.StateReason;
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
            case RUNNING -> r == StateReason.BOOTED ? 1 : r == StateReason.UNPAUSED ? 5 : 0;
            case PAUSED -> switch (r) {
                case USER -> 1;
                case SHUTTING_DOWN -> 8;
                case STARTING_UP -> 11;
                default -> 0;
            };
            case SHUTOFF -> switch (r) {
                case SHUTDOWN -> 1;
                case DESTROYED -> 2;
                case CRASHED -> 3;
                case FAILED -> 6;
                default -> 0;
            };
            case CRASHED -> r == StateReason.PANICKED ? 1 : 0;
        };
    }

    /** virDomainEventType and its detail, e.g. STOPPED (5) / DESTROYED (1). */
    static int[] lifecycle(DomainEvent e) {
        return switch (e.kind()) {
            case DEFINED -> new int[] {0, 0};
            case UNDEFINED -> new int[] {1, 0};
            case STARTED -> new int[] {2, 0};
            case SUSPENDED -> new int[] {3, 0};
            case RESUMED -> new int[] {4, 0};
            case STOPPED -> new int[] {5, switch (e.reason()) {
                case DESTROYED -> 1;
                case CRASHED -> 2;
                case FAILED -> 5;
                default -> 0;
            }};
            case CRASHED -> new int[] {8, 0};
            case REBOOTED -> null; // libvirt's reboot event (VIR_DOMAIN_EVENT_ID_REBOOT), not a lifecycle one
        };
    }
}
