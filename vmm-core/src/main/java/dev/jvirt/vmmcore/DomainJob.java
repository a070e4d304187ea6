package dev.jvirt.vmmcore;

/**
 * A long operation on a domain as virsh domjobinfo shows it: {@code type} is libvirt's job type
 * ({@code None}, {@code Unbounded}, {@code Completed}, {@code Failed}, {@code Cancelled}),
 * {@code operation} what runs ({@code Save}, {@code Restore}, {@code Snapshot}, {@code Snapshot revert}),
 * the data counts in bytes from QEMU's {@code query-migrate} (0 where the job has none).
 */
public record DomainJob(String type, String operation, long elapsedMillis, long dataTotal, long dataProcessed,
                        long dataRemaining, long memoryBps, String error) {

    public static DomainJob none() {
        return new DomainJob("None", null, 0, 0, 0, 0, 0, null);
    }
}
