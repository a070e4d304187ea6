package dev.jvirt.vmmcore;

import java.time.Duration;

/**
 * What came of an ACPI shutdown request.
 *
 * @param shutOff whether the domain was shut off when the call returned
 * @param waited  how long the call waited for it
 * @param status  the domain's status when the call returned
 * @param message for people: what happened, and what to do when the guest did not react
 */
public record ShutdownResult(boolean shutOff, Duration waited, DomainStatus status, String message) {
}
