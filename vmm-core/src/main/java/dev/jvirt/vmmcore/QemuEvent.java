package dev.jvirt.vmmcore;

import java.time.Instant;

/**
 * One QMP event of a running domain, as QEMU sent it (virsh qemu-monitor-event).
 *
 * @param name      the event's name, e.g. {@code STOP}
 * @param dataJson  its {@code data} as JSON text, or null when it has none
 * @param timestamp QEMU's timestamp (microsecond precision)
 */
public record QemuEvent(String name, String dataJson, Instant timestamp) {
}
