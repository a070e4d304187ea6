package dev.jvirt.qmpclient;

/**
 * The answer to {@code query-status}.
 *
 * @param status QEMU's run state, e.g. {@code prelaunch}, {@code running}, {@code paused}, {@code shutdown}
 * @param running whether the guest's CPUs run
 */
public record QmpStatus(String status, boolean running) {
}
