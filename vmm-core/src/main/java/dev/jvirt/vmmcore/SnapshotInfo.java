package dev.jvirt.vmmcore;

/**
 * One snapshot as snapshot-list and snapshot-info show it: {@code state} is libvirt's word
 * ({@code running}, {@code paused}, {@code shutoff}, {@code disk-snapshot}), {@code creationTime}
 * seconds since the epoch, {@code location} {@code internal} or {@code external}.
 */
public record SnapshotInfo(String name, String description, String state, long creationTime, String parent,
                           boolean current, String location, int children, int descendants) {
}
